// The inspector in headless Chromium, served as the static folder it builds to, used as a developer with
// a failing delivery would: every provider's sample verifies and a wrong secret does not; rotation with
// several secrets; the smallest change to a body named (a trailing newline is not "pretty-printing") and
// shown as a diff; exact bytes from a file (CRLF survives), a raw HTTP request and a HAR export; the
// fields each provider reads; the signed string and the full expected signatures, copied; another
// provider's delivery recognized; a stale timestamp in human terms, verified at its signed time; sign
// mode; invisible characters; the verdict announced alone and kept in view on a phone. By keyboard where
// a person would use one; no request after load and no console error. Screenshots go to test-output/.

import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { providers, signDelivery } from "hookgate";
import { launchChromium } from "./chromium.mjs";
import { serveStatic } from "./static-server.mjs";

const site = fileURLToPath(new URL("../../build/site/", import.meta.url));
const shots = fileURLToPath(new URL("../../test-output/", import.meta.url));
mkdirSync(shots, { recursive: true });

let server;
let browser;
let page;
const afterLoad = [];
const consoleErrors = [];

before(async () => {
  server = await serveStatic({ "/": site });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, permissions: ["clipboard-read", "clipboard-write"] });
  page = await context.newPage();
  page.on("console", (message) => message.type() === "error" && consoleErrors.push(message.text()));
  page.on("pageerror", (error) => consoleErrors.push(String(error)));
  await page.goto(`${server.url}/inspector/`);
  await page.waitForSelector("body[data-ready=true]");
  page.on("request", (request) => afterLoad.push(request.url()));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const steps = () => page.textContent("#steps");
const verdict = () => page.textContent("#verdict");
async function settled(expected) {
  await page.waitForFunction((text) => document.querySelector("#verdict").textContent.includes(text), expected, { timeout: 5000 });
}
async function stepsMatch(pattern) {
  await page.waitForFunction((source) => new RegExp(source).test(document.querySelector("#steps").textContent), pattern.source, {
    timeout: 5000,
  });
}
/** Changes a field's value as typing would (one input event), and waits for the verdict named. */
async function edit(selector, change, expected) {
  await page.fill(selector, change(await page.inputValue(selector)));
  if (expected) await settled(expected);
}
async function loadSample(id) {
  await page.selectOption("#provider", id);
  await page.click("#load-sample");
  await settled("Verified");
}
const file = (name, text) => ({ name, mimeType: "application/octet-stream", buffer: Buffer.from(text) });

for (const { id, credentials } of providers()) {
  test(`${id}: the sample verifies and the event is shown; a wrong secret does not`, async () => {
    await loadSample(id);
    const event = JSON.parse(await page.textContent("#event"));
    assert.equal(event.provider, id);
    const field = credentials[0].option === "token" ? "#token" : "#secret";
    // Another secret of the same form (a whsec_ key must stay base64 to be a key at all, a hex key hex).
    const another = (value) =>
      value.startsWith("whsec_")
        ? `whsec_${value[6] === "A" ? "B" : "A"}${value.slice(7)}`
        : /^[0-9a-f]+$/.test(value)
          ? `${value.slice(0, -1)}${value.endsWith("0") ? "1" : "0"}`
          : `${value}x`;
    await edit(field, another, "signature_mismatch");
    assert.equal(await page.textContent("#event"), "—");
    if (id === "reready") await page.screenshot({ path: `${shots}inspector-wrong-secret.png`, fullPage: true });
  });
}

test("a pasted declaration verifies and normalizes a delivery; a malformed one is named where it was pasted", async () => {
  await page.selectOption("#provider", "declared provider");
  assert.equal(await page.isVisible("#declaration"), true);
  await page.click("#load-sample");
  await settled("Verified");
  const event = JSON.parse(await page.textContent("#event"));
  assert.deepEqual([event.provider, event.id, event.type, event.subject.id], ["acme", "ev_42", "order.paid", "o_9"]);
  await page.screenshot({ path: `${shots}inspector-declared.png`, fullPage: true });
  await edit("#secret", (value) => `${value}x`, "signature_mismatch");
  await edit("#declaration", (value) => value.replace('"sha256"', '"md5"'));
  await page.waitForFunction(() => /credential\.algorithm/.test(document.querySelector("#declaration-error").textContent));
  assert.equal(await page.isVisible("#declaration-error"), true);
  await edit("#declaration", () => "{ not json");
  await page.waitForFunction(() => /^Not JSON/.test(document.querySelector("#declaration-error").textContent));
  await page.fill("#declaration", "");
  await page.selectOption("#provider", "reready");
  assert.equal(await page.isVisible("#declaration"), false);
});

test("the Redo sample holds a real address, not text copied from a web page", async () => {
  await loadSample("redo");
  const event = await page.textContent("#event");
  assert.doesNotMatch(event, /protected\]/);
  assert.match(event, /"emailAddress": "[^"@\s]+@[^"@\s]+"/);
});

test("several secrets, one per line, check a rotation; the count reads as English", async () => {
  await loadSample("reready");
  const secret = await page.inputValue("#secret");
  await page.fill("#secret", `ssk_old_one\n${secret}`);
  await stepsMatch(/matches configured secret #2 of 2/);
  assert.match(await verdict(), /Verified/);
  assert.match(await steps(), /2 secrets and no token configured/);
  assert.doesNotMatch(await steps(), /\(s\)/);
});

test("each provider's fields say what they take: Redo's bearer token goes where Redo reads it", async () => {
  await page.selectOption("#provider", "redo");
  assert.equal(await page.textContent("#secret-label"), "Bearer token");
  assert.match(await page.textContent("#secret-help"), /Authorization: Bearer header/);
  assert.equal(await page.isVisible("#token-row"), false);
  await page.selectOption("#provider", "returns-cloud");
  assert.equal(await page.isVisible("#secret-row"), false);
  assert.match(await page.textContent("#token-label"), /URL token or Bearer token/);
  await page.selectOption("#provider", "stripe");
  assert.equal(await page.textContent("#secret-label"), "Signing secret");
});

test("an empty secret is said to be empty, not wrong", async () => {
  await loadSample("stripe");
  await page.fill("#secret", "");
  await settled("missing_secret");
  assert.match(await steps(), /reads its key from secret and it is empty/);
  assert.doesNotMatch(await steps(), /Likely cause|not the one this sender signs with/);
});

test("a byte changed: the signed string and every expected signature in full, each copied", async () => {
  await loadSample("reready");
  await page.fill("#secret", "ssk_other\nsample-secret-wrong");
  await edit("#body", (body) => body.replace("pending", "pendinG"), "signature_mismatch");
  assert.match(await steps(), /Likely cause/);
  const body = await page.inputValue("#body");
  const t = /t=(\d+)/.exec(await page.inputValue("#headers"))[1];
  assert.equal(await page.textContent("#signed-string-title"), `Signed string (${Buffer.byteLength(`${t}.${body}`)} bytes)`);
  await page.click("#copy-signed-slot button");
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${t}.${body}`);
  const expected = await page.$$eval("#signatures .signature", (rows) => rows.map((row) => row.textContent));
  assert.equal(expected.length, 3, "the delivery's signature and one per configured secret");
  assert.match(expected[1], /Expected with secret #1/);
  assert.match(expected[2], /Expected with secret #2[\s\S]*[0-9a-f]{128}/);
  // The copy button copies the whole signature, not a prefix.
  await page.click("#signatures .signature:nth-child(2) button");
  assert.match(await page.evaluate(() => navigator.clipboard.readText()), /^[0-9a-f]{128}$/);
  await page.screenshot({ path: `${shots}inspector-expected-signatures.png`, fullPage: true });
});

test("an added trailing newline is named as such, and the diff shows it", async () => {
  await loadSample("reready");
  await edit("#body", (body) => `${body}\n`, "signature_mismatch");
  assert.match(await steps(), /a trailing newline or whitespace was added after signing/);
  assert.doesNotMatch(await steps(), /pretty-printed|re-serialized/);
  assert.equal(await page.isVisible("#fix"), true);
  assert.match(await page.textContent("#diff del"), /␊/);
});

test("a re-serialized body is explained the right way round, with the diff and the raw-body recipes", async () => {
  await loadSample("stripe");
  await edit("#body", (body) => JSON.stringify(JSON.parse(body)), "signature_mismatch");
  assert.match(await steps(), /the sender signed it pretty-printed with 2 spaces/);
  assert.ok((await page.$$("#diff ins")).length > 0);
  await page.focus("#fix-recipes");
  await page.keyboard.press("Enter");
  assert.equal(await page.$eval("#recipes", (details) => details.open), true);
  assert.match(await page.textContent("#recipes"), /hookgate\/express[\s\S]*stripe listen/);
  await page.screenshot({ path: `${shots}inspector-reserialized.png`, fullPage: true });
});

test("CRLF bytes from a file verify exactly; the same text in the field does not, and says why", async () => {
  const body = '{\r\n  "device_return_id": "d1",\r\n  "state": "complete"\r\n}';
  const delivery = signDelivery("reready", { body, url: "https://example.com/webhooks/reready" }, { secret: "crlf-secret" });
  await page.selectOption("#provider", "reready");
  await page.fill("#secret", "crlf-secret");
  await page.fill(
    "#headers",
    Object.entries(delivery.headers)
      .map(([name, value]) => `${name}: ${value}`)
      .join("\n"),
  );
  await page.setInputFiles("#file", file("body.json", body));
  await settled("Verified");
  assert.match(await page.textContent("#body-note"), /body\.json[\s\S]*\d+ bytes, kept exactly[\s\S]*CRLF line endings kept/);
  await page.check("#show-invisible");
  assert.match(await page.textContent("#invisible"), /␍␊/);
  // Typing in the field makes its text the body: the browser has already turned CRLF into LF.
  await page.fill("#body", await page.inputValue("#body"));
  await settled("signature_mismatch");
  assert.match(await page.textContent("#body-note"), /turns CRLF line endings into LF/);
  assert.match(await steps(), /CRLF line endings became LF after signing/);
  await page.uncheck("#show-invisible");
});

test("a saved raw HTTP request and a HAR export are read, bodies byte for byte", async () => {
  const body = '{"device_return_id":"d2","state":"complete"}\r\n';
  const delivery = signDelivery("reready", { body, url: "https://hooks.example/webhooks/reready" }, { secret: "raw-secret" });
  const head = [
    "POST /webhooks/reready HTTP/1.1",
    "Host: hooks.example",
    ...Object.entries(delivery.headers).map(([n, v]) => `${n}: ${v}`),
  ];
  await page.selectOption("#provider", "reready");
  await page.fill("#secret", "raw-secret");
  await page.setInputFiles("#file", file("delivery.http", `${head.join("\r\n")}\r\n\r\n${body}`));
  await settled("Verified");
  assert.equal(await page.inputValue("#url"), "https://hooks.example/webhooks/reready");

  const other = signDelivery("reready", { body: '{"device_return_id":"d3","state":"complete"}' }, { secret: "raw-secret" });
  const entry = (text, headers, url) => ({
    startedDateTime: "2026-11-29T10:00:00Z",
    request: { method: "POST", url, headers: Object.entries(headers).map(([name, value]) => ({ name, value })), postData: { text } },
  });
  const har = {
    log: {
      entries: [entry(body, delivery.headers, "https://hooks.example/a"), entry(other.body, other.headers, "https://hooks.example/b")],
    },
  };
  await page.setInputFiles("#file", file("capture.har", JSON.stringify(har)));
  await settled("Verified");
  assert.match(await page.textContent("#event"), /"d3:complete"/);
  assert.equal(await page.isVisible("#har-row"), true);
  await page.selectOption("#har-entry", "0");
  await page.waitForFunction(() => document.querySelector("#event").textContent.includes("d2:complete"));
});

test("another provider's delivery is recognized, and one key press switches to it", async () => {
  await loadSample("github");
  await page.selectOption("#provider", "stripe");
  await settled("missing_signature");
  assert.match(await page.textContent("#suggestion"), /This looks like a GitHub delivery/);
  await page.screenshot({ path: `${shots}inspector-wrong-provider.png`, fullPage: true });
  await page.focus("#suggestion button");
  await page.keyboard.press("Enter");
  await settled("Verified");
  assert.equal(await page.inputValue("#provider"), "github");
});

test("a stale timestamp: its age in words, replay or skew, the event it carries, and verify at the signed time", async () => {
  await loadSample("reready");
  await page.fill("#now", String(Math.floor(Date.now() / 1000) + 3 * 3600 + 120));
  await settled("timestamp_out_of_tolerance");
  assert.match(await steps(), /t=\d+: 109[23]\d s old, outside the tolerance of 300 s/);
  const box = await page.textContent("#timestamp");
  assert.match(box, /Signed at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC: 3 hours 2 minutes before the verification time/);
  assert.match(box, /Too old: a retry delivered late[\s\S]*replay/);
  assert.equal(await page.textContent("#event-title"), "Normalized event (authentic, but outside the tolerance)");
  assert.equal(JSON.parse(await page.textContent("#event")).provider, "reready");
  await page.screenshot({ path: `${shots}inspector-stale.png`, fullPage: true });
  await page.focus("#timestamp button");
  await page.keyboard.press("Enter");
  await settled("Verified");

  await page.fill("#now", String(Math.floor(Date.now() / 1000) - 3600));
  await settled("timestamp_out_of_tolerance");
  assert.match(await page.textContent("#timestamp"), /in the future[\s\S]*clock skew/);
});

test("no secret is shown: not in the steps, the verdict, the signing panel or the signed headers and curl line", async () => {
  const secret = "ssk_never_shown_8f3a2c91d7";
  await loadSample("reready");
  await page.fill("#secret", secret);
  await page.click("#sign");
  await page.waitForSelector("#signed:not([hidden])");
  await page.click("#use-signed");
  await settled("Verified");
  await stepsMatch(/matches configured secret/);
  const shown = await page.evaluate(() =>
    ["#result", "#signed-headers", "#signed-curl"].map((selector) => document.querySelector(selector)?.textContent ?? "").join("\n"),
  );
  assert.match(shown, /X-ReReady-Signature-512/, "the signed headers are there");
  assert.ok(!shown.includes(secret), "the secret is shown");
  // A wrong secret's explanation names no part of it either.
  await page.fill("#secret", `${secret}-wrong`);
  await settled("signature_mismatch");
  assert.ok(!(await page.textContent("#result")).includes(secret));
});

test("sign mode gives the headers and a curl command, and what it signs verifies", async () => {
  await page.selectOption("#provider", "standard-webhooks");
  await page.fill("#url", "");
  await page.fill("#now", "");
  await page.fill("#secret", "whsec_c2lnbi1tb2RlLXNlY3JldC1mb3ItdGVzdHM=");
  await page.fill("#body", '{"type":"return.created","data":{"id":"ret_1"}}');
  await page.fill("#headers", "");
  await page.focus("#sign");
  await page.keyboard.press("Enter");
  const headers = await page.textContent("#signed-headers");
  for (const line of [/^webhook-id: \S+$/m, /^webhook-timestamp: \d+$/m, /^webhook-signature: v1,\S+$/m]) assert.match(headers, line);
  const curl = await page.textContent("#signed-curl");
  assert.match(curl, /^curl -X POST 'https:\/\/example\.com\/webhooks\/standard-webhooks' \\\n {2}-H 'webhook-/);
  assert.match(curl, /--data-binary '\{"type":"return\.created","data":\{"id":"ret_1"\}\}'$/);
  await page.click("#use-signed");
  await settled("Verified");
  // After the result has caught up with the fields (it follows them a moment after each edit).
  await page.screenshot({ path: `${shots}inspector-sign.png`, fullPage: true });
});

test("only the verdict is announced, and only when it changes; the raw-paste box has a label", async () => {
  assert.deepEqual(await page.$$eval("[aria-live]", (nodes) => nodes.map((n) => n.id)), ["announce"]);
  await loadSample("reready");
  assert.equal(await page.textContent("#announce"), "Verified: device_return.status_changed");
  await page.evaluate(() => {
    window.announcements = 0;
    new MutationObserver(() => window.announcements++).observe(document.querySelector("#announce"), {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
  const secret = await page.inputValue("#secret");
  await page.fill("#secret", "wrong");
  await settled("signature_mismatch");
  // Typing on while the verdict stays the same announces nothing more.
  for (const key of "-still-wrong") await page.press("#secret", key);
  await page.fill("#secret", secret);
  await settled("Verified");
  assert.equal(await page.evaluate(() => window.announcements), 2, "one announcement per change of verdict");
  assert.equal(await page.getByLabel("Raw HTTP request or curl command").count(), 1);
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

test("on a phone, by keyboard: the verdict stays in view, nothing scrolls sideways", async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.focus("#provider");
  await page.selectOption("#provider", "redo");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "load-sample");
  await page.keyboard.press("Enter");
  await settled("Verified");
  const sticky = await page.$("#sticky-verdict");
  const box = await sticky.boundingBox();
  assert.ok(box && box.y >= 0 && box.y + box.height <= 844, `the compact verdict is in view: ${JSON.stringify(box)}`);
  assert.match(await sticky.textContent(), /Verified: return\.created: see why/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
  await page.screenshot({ path: `${shots}inspector-phone.png` });
  await page.fill("#secret", "not-the-bearer-token");
  await settled("signature_mismatch");
  assert.match(await sticky.textContent(), /Rejected: signature_mismatch: see why/);
  // A signature mismatch at phone width: the full signatures, the diff and the timestamp box wrap.
  await page.selectOption("#provider", "stripe");
  await page.click("#load-sample");
  await settled("Verified");
  await edit("#body", (body) => JSON.stringify(JSON.parse(body)), "signature_mismatch");
  assert.equal(await page.isVisible("#fix"), true);
  assert.equal(await page.isVisible("#signing"), true);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(wide <= 0, `the mismatch view scrolls sideways by ${wide}px`);
  await page.screenshot({ path: `${shots}inspector-phone-rejected.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 1000 });
});

test("the page made no network request after it loaded, and logged no error", () => {
  assert.deepEqual(afterLoad, []);
  assert.deepEqual(consoleErrors, []);
});
