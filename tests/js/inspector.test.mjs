// The inspector in headless Chromium, served as the static folder it builds to: for each provider,
// "Load sample" verifies and shows the event; a changed byte, a wrong secret and a stale timestamp
// are explained; the page makes no request after it loaded. Screenshots go to test-output/.

import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { providers } from "hookgate";
import { launchChromium } from "./chromium.mjs";
import { serveStatic } from "./static-server.mjs";

const site = fileURLToPath(new URL("../../build/site/", import.meta.url));
const shots = fileURLToPath(new URL("../../test-output/", import.meta.url));
mkdirSync(shots, { recursive: true });

let server;
let browser;
let page;
const afterLoad = [];

before(async () => {
  server = await serveStatic({ "/": site });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await page.goto(`${server.url}/inspector/`);
  await page.waitForSelector("body[data-ready=true]");
  page.on("request", (request) => afterLoad.push(request.url()));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const steps = () => page.textContent("#steps");
async function edit(selector, change) {
  const value = await page.inputValue(selector);
  await page.fill(selector, change(value));
  await page.waitForFunction(() => true);
  await page.waitForTimeout(0);
}
async function settled(expected) {
  await page.waitForFunction((text) => document.querySelector("#verdict").textContent.includes(text), expected, { timeout: 5000 });
}

for (const { id, credentials } of providers()) {
  test(`${id}: the sample verifies and the event is shown; a wrong secret does not`, async () => {
    await page.selectOption("#provider", id);
    await page.click("#load-sample");
    await settled("Verified");
    const event = JSON.parse(await page.textContent("#event"));
    assert.equal(event.provider, id);
    const field = credentials[0].option === "token" ? "#token" : "#secret";
    // Another secret of the same form (a whsec_ key must stay base64 to be a key at all).
    await edit(field, (value) => (value.startsWith("whsec_") ? `whsec_${value[6] === "A" ? "B" : "A"}${value.slice(7)}` : `${value}x`));
    await settled("signature_mismatch");
    assert.equal(await page.textContent("#event"), "—");
    if (id === "reready") await page.screenshot({ path: `${shots}inspector-wrong-secret.png`, fullPage: true });
  });
}

test("a byte changed in a signed body is a signature_mismatch, with the likely cause", async () => {
  await page.selectOption("#provider", "reready");
  await page.click("#load-sample");
  await settled("Verified");
  await page.screenshot({ path: `${shots}inspector-verified.png`, fullPage: true });
  await edit("#body", (body) => body.replace("pending", "pendinG"));
  await settled("signature_mismatch");
  assert.match(await steps(), /Likely cause/);
  assert.match(await steps(), /expected [0-9a-f]{12}… with secret #1/);
});

test("a re-serialized body is explained as such", async () => {
  await page.selectOption("#provider", "stripe");
  await page.click("#load-sample");
  await settled("Verified");
  await edit("#body", (body) => JSON.stringify(JSON.parse(body)));
  await settled("signature_mismatch");
  assert.match(await steps(), /the body was changed after signing: it verifies pretty-printed with 2 spaces/);
});

test("a stale ReReady timestamp shows its age against the tolerance", async () => {
  await page.selectOption("#provider", "reready");
  await page.click("#load-sample");
  await settled("Verified");
  await page.fill("#now", String(Math.floor(Date.now() / 1000) + 3600));
  await settled("timestamp_out_of_tolerance");
  assert.match(await steps(), /t=\d+: 36\d\d s old, outside the tolerance of 300 s/);
  await page.screenshot({ path: `${shots}inspector-stale.png`, fullPage: true });
});

test("a pasted curl command is split into the fields, and the provider is detected", async () => {
  await page.selectOption("#provider", "");
  await page.fill("#secret", "");
  await page.fill("#token", "rc-token");
  await page.click("#paste-raw summary");
  await page.fill(
    "#raw",
    `curl -X POST 'https://example.com/webhooks/returns-cloud?token=rc-token' \\\n  -H 'Content-Type: application/json' \\\n  -d '{"event":"return_order.status.changed","oldStatus":"approved","newStatus":"option_selected","returnOrder":{"uuid":"u1","number":"100004"}}'`,
  );
  await page.click("#split-raw");
  await settled("Verified");
  assert.equal(await page.inputValue("#url"), "https://example.com/webhooks/returns-cloud?token=rc-token");
  assert.match(await steps(), /returns\.cloud \(detected from the delivery\)/);
});

test("the page works at phone width and by keyboard", async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.selectOption("#provider", "redo");
  await page.focus("#load-sample");
  await page.keyboard.press("Enter");
  await settled("Verified");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
  await page.screenshot({ path: `${shots}inspector-phone.png`, fullPage: true });
});

test("the page made no network request after it loaded", () => {
  assert.deepEqual(afterLoad, []);
});
