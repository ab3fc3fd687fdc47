// The bundles the consumer project built from the packed tarball (scripts/consumer.sh): the browser
// bundle in a Chromium page, and the Hono Worker in workerd. Needs Node >= 22 (Miniflare 4).

import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { test } from "node:test";
import { signDelivery } from "hookgate";
import { Miniflare } from "miniflare";
import { inChromiumPage } from "./chromium.mjs";

const consumer = readFileSync(new URL("../../build/consumer-path", import.meta.url), "utf8").trim();

test("the esbuild browser bundle of the packed package verifies in a page", async () => {
  writeFileSync(`${consumer}/bundles/browser/index.html`, '<!doctype html><script type="module" src="./browser-entry.js"></script>');
  await inChromiumPage({ "/": `${consumer}/bundles/browser/` }, async (page, errors, server) => {
    const event = await page.waitForFunction(() => window.result, null, { timeout: 30_000 }).then((handle) => handle.jsonValue());
    assert.deepEqual(errors, []);
    assert.equal(event.type, "device_return.status_changed");
    assert.ok(server.requests.includes("/hookgate_bg.wasm") && server.requests.includes("/hookgate_explain_bg.wasm"));
  });
});

test("the README's Worker example runs in workerd: a Stripe event verifies, a forged one is 401", async () => {
  const mf = new Miniflare({
    modules: true,
    scriptPath: `${consumer}/bundles/worker/worker.js`,
    modulesRoot: `${consumer}/bundles/worker`,
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: "2025-06-01",
    bindings: { STRIPE_SECRET: "whsec_worker_example" },
  });
  try {
    const body =
      '{"id":"evt_1","object":"event","type":"charge.refunded","created":1767225600,"livemode":false,"data":{"object":{"id":"ch_1","object":"charge"}}}';
    const ok = signDelivery("stripe", { body, url: "http://worker.test/" }, { secret: "whsec_worker_example" });
    const response = await mf.dispatchFetch(ok.url, { method: "POST", headers: ok.headers, body });
    assert.deepEqual([response.status, await response.json()], [200, { received: "evt_1" }]);
    const forged = signDelivery("stripe", { body, url: "http://worker.test/" }, { secret: "whsec_guess" });
    const refused = await mf.dispatchFetch(forged.url, { method: "POST", headers: forged.headers, body });
    assert.deepEqual([refused.status, await refused.json()], [401, { error: "signature_mismatch" }]);
  } finally {
    await mf.dispose();
  }
});

test("Hono with hookgate/hono runs as a Worker in workerd", async () => {
  const mf = new Miniflare({
    modules: true,
    scriptPath: `${consumer}/bundles/worker/hono-worker.js`,
    modulesRoot: `${consumer}/bundles/worker`, // module names are relative to it, and it lies outside the repo
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: "2025-06-01",
    bindings: { REDO_SECRET: "hono-worker-secret" },
  });
  try {
    const body = '{"type":"created","at":"2026-01-01T00:00:00Z","return":{"id":"r7"}}';
    const ok = signDelivery("redo", { body, url: "http://worker.test/webhooks/redo" }, { secret: "hono-worker-secret" });
    const response = await mf.dispatchFetch(ok.url, { method: "POST", headers: ok.headers, body });
    assert.deepEqual([response.status, await response.json()], [200, { verified: "r7-2026-01-01T00:00:00Z" }]);
    const forged = signDelivery("redo", { body, url: "http://worker.test/webhooks/redo" }, { secret: "guess" });
    const refused = await mf.dispatchFetch(forged.url, { method: "POST", headers: forged.headers, body });
    assert.deepEqual([refused.status, await refused.json()], [401, { error: "signature_mismatch" }]);
  } finally {
    await mf.dispose();
  }
});
