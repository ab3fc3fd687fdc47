// The package's browser entry in headless Chromium: it loads from static files and verifies every
// vector in the page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { launchChromium } from "./chromium.mjs";
import { serveStatic } from "./static-server.mjs";
import { loadVectors } from "./vectors.mjs";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

test("every vector gives its expected outcome in a browser page", async () => {
  const server = await serveStatic({ "/pkg/": here("../../pkg/"), "/tests/": here("./"), "/": here("./browser/") });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => typeof window.runVectors === "function", null, { timeout: 30_000 });
    const vectors = loadVectors();
    const result = await page.evaluate((v) => window.runVectors(v), vectors);
    assert.deepEqual(errors, []);
    assert.equal(result.runs, vectors.length * 6);
    assert.deepEqual(result.problems, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
