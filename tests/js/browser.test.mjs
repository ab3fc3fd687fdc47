// The package's browser entry in headless Chromium: it loads from static files and verifies every
// vector in the page.

import assert from "node:assert/strict";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { inChromiumPage } from "./chromium.mjs";
import { loadVectors } from "./vectors.mjs";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

test("every vector gives its expected outcome in a browser page", async () => {
  const routes = { "/pkg/": here("../../pkg/"), "/tests/": here("./"), "/": here("./browser/") };
  await inChromiumPage(routes, async (page, errors) => {
    await page.waitForFunction(() => typeof window.runVectors === "function", null, { timeout: 30_000 });
    const vectors = loadVectors();
    const result = await page.evaluate((v) => window.runVectors(v), vectors);
    assert.deepEqual(errors, []);
    assert.equal(result.runs, vectors.length * 6);
    assert.deepEqual(result.problems, []);
  });
});
