// The wasm memory stays put under 100,000 mixed calls (a 100 MB body among them), and the glue frees
// every JS value it hands to wasm.

import assert from "node:assert/strict";
import { test } from "node:test";
import { measure } from "./memory.mjs";

test("100,000 mixed calls leave wasm memory and the externref table where they were", () => {
  const result = measure(100_000);
  assert.ok(result.rejected > 0 && result.rejected < result.calls);
  assert.ok(result.memoryGrowth <= 64 * 1024, `wasm memory grew by ${result.memoryGrowth} bytes`);
  assert.ok(result.after.memory < 8 * 1024 * 1024, `wasm memory is ${result.after.memory} bytes: a 100 MB body got in`);
  assert.equal(result.externrefGrowth, 0);
});
