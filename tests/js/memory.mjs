// Memory at the JS boundary: 100,000 mixed valid and invalid calls through the package in Node, then
// how far the wasm linear memory and wasm-bindgen's externref table grew. `node tests/js/memory.mjs`
// prints the figures (RELIABILITY.md); tests/js/memory.test.mjs asserts on them.
import { fileURLToPath } from "node:url";
import * as hookgate from "hookgate";
import { explain } from "hookgate/explain";
import { initSync } from "../../pkg/hookgate.js"; // the same module instances the package initialized
import { initSync as initExplainSync } from "../../pkg/hookgate_explain.js";

// Already initialized: each returns its module's exports. Both modules are measured, summed.
const modules = [initSync({ module: new Uint8Array() }), initExplainSync({ module: new Uint8Array() })];
const sum = (of) => modules.reduce((total, wasm) => total + of(wasm), 0);
const state = () => ({
  memory: sum((wasm) => wasm.memory.buffer.byteLength),
  externrefs: sum((wasm) => wasm.__wbindgen_externrefs.length),
});

const body = '{"device_return_id":"d1","state":"complete","test":false}';
const reready = hookgate.signDelivery("reready", { body }, { secret: "ssk_mem" });
const redo = hookgate.signDelivery(
  "redo",
  { body: '{"type":"created","at":"2026-01-01T00:00:00Z","return":{"id":"r1"}}' },
  { secret: "s" },
);
const huge = new Uint8Array(100 * 1024 * 1024);
const calls = [
  () => hookgate.verifyJson("reready", reready, { secret: "ssk_mem" }),
  () => hookgate.verify("reready", { ...reready, body: body.replace("d1", "d2") }, { secret: "ssk_mem" }),
  () => hookgate.verify("redo", redo, { secret: "s" }),
  () => hookgate.verify("redo", redo, { secret: "wrong" }),
  () => hookgate.verify("baback", { headers: {}, body: "not json" }, { secret: "s" }),
  () =>
    hookgate.verify(
      "standard-webhooks",
      { headers: { "webhook-signature": "v1,x" }, body },
      { secret: "whsec_aGVsbG8gd29ybGQsIHNpeHRlZW4=" },
    ),
  () => hookgate.verify("reready", { headers: reready.headers, body: huge }, { secret: "ssk_mem" }), // 100 MB: refused in JS
  () => explain("reready", { ...reready, body: `${body} ` }, { secret: "ssk_mem" }),
];

export function measure(total = 100_000) {
  const run = (n) => {
    let rejected = 0;
    for (let i = 0; i < n; i++) {
      try {
        calls[i % calls.length]();
      } catch (error) {
        if (!(error instanceof hookgate.HookgateError)) throw error;
        rejected++;
      }
    }
    return rejected;
  };
  run(2_000); // warm-up: the allocator reaches its working size
  const before = state();
  const rejected = run(total);
  const after = state();
  return {
    calls: total,
    rejected,
    before,
    after,
    memoryGrowth: after.memory - before.memory,
    externrefGrowth: after.externrefs - before.externrefs,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = measure();
  console.log(`calls: ${result.calls} (${result.rejected} rejected, ${result.calls - result.rejected} verified)`);
  console.log(`wasm memory: ${result.before.memory} -> ${result.after.memory} bytes (growth ${result.memoryGrowth})`);
  console.log(`externref table: ${result.before.externrefs} -> ${result.after.externrefs} slots (growth ${result.externrefGrowth})`);
}
