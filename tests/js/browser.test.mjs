// The package's browser entry in headless Chromium: it loads from static files and verifies every
// shared vector in the page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { basename, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium } from "./chromium.mjs";
import { serveStatic } from "./static-server.mjs";
import { loadVectors } from "./vectors.mjs";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

test("every shared vector gives its expected outcome in a browser page", async () => {
  const vectorsFile = process.env.HOOKGATE_VECTORS ?? here("../../../shared/vectors/webhooks.json");
  const server = await serveStatic({
    "/pkg/": here("../../pkg/"),
    "/tests/": here("./"),
    "/vectors/": dirname(vectorsFile),
    "/": here("./browser/"),
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${server.url}/?vectors=${encodeURIComponent(basename(vectorsFile))}`);
    const result = await page.waitForFunction(() => window.__result, null, { timeout: 30_000 }).then((h) => h.jsonValue());
    assert.deepEqual(errors, []);
    assert.equal(result.runs, loadVectors().length * 6);
    assert.deepEqual(result.problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
