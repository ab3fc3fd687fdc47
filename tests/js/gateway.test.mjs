// The gateway Worker in real workerd (Miniflare), bundled by `wrangler deploy --dry-run` as it would be
// deployed, in front of a real origin on loopback that verifies what it receives with `standardwebhooks`.
// Needs Node >= 22 (Miniflare 4).

import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { after, before, describe, test } from "node:test";
import * as hookgate from "hookgate";
import { logLines, startGateway, waitFor } from "./gateway-harness.mjs";
import { startOrigin } from "./test-origin.mjs";
import { samples, secretFor } from "./vectors.mjs";

const FORWARD_SECRET = "whsec_Zm9yd2FyZC1zZWNyZXQtZm9yLXRlc3Rz";
const MAX_BODY_BYTES = 64 * 1024;
const now = () => Math.floor(Date.now() / 1000);

// One secret per provider, all different, so a leak of any of them is visible.
const registry = hookgate.providers();
const secretOf = (id) => secretFor(hookgate.providers(), id, `test-secret-for-${id}`);
const optionsOf = (id) => ({ secret: secretOf(id), token: secretOf(id), ...samples()[id].options });
const bindings = (originUrl) => {
  const vars = { ORIGIN_URL: originUrl, FORWARD_SECRET, MAX_BODY_BYTES: String(MAX_BODY_BYTES), ORIGIN_TIMEOUT_MS: "500" };
  for (const { id } of registry) {
    const prefix = id.toUpperCase().replaceAll("-", "_");
    vars[`${prefix}_SECRET`] = secretOf(id);
    vars[`${prefix}_TOKEN`] = secretOf(id);
  }
  vars.HMAC_HMAC_SCHEME = JSON.stringify(samples().hmac.options.hmac);
  vars.REDO_EU_SECRET = "eu-only-secret";
  // Square behind a custom domain: it signs the URL it calls, not the one the Worker sees.
  vars.SQUARE_SHOP_SECRET = secretOf("square");
  vars.SQUARE_SHOP_PUBLIC_URL = "https://hooks.example.com/square";
  return vars;
};

let origin;
let gateway;
let logs;
const answers = [];

async function send(path, init = {}) {
  const answer = await gateway.send(path, init);
  answers.push(answer.text);
  return answer;
}

function signedSample(id, overrides = {}) {
  const sample = samples()[id];
  const delivery = hookgate.signDelivery(
    id,
    { ...sample, url: `http://gateway.test/webhooks/${id}` },
    { ...optionsOf(id), timestamp: now(), ...overrides },
  );
  return { path: new URL(delivery.url).pathname + new URL(delivery.url).search, init: { headers: delivery.headers, body: delivery.body } };
}

before(async () => {
  origin = await startOrigin(FORWARD_SECRET, { slowMs: 2000 });
  gateway = await startGateway(bindings(origin.url));
  logs = gateway.logs;
});

after(async () => {
  await gateway?.dispose();
  await origin?.close();
});

describe("valid deliveries", () => {
  for (const { id } of registry) {
    test(`${id}: reaches the origin, signed so that standardwebhooks verifies it`, async () => {
      origin.state.mode = "ok";
      const before = origin.received.length;
      const { path, init } = signedSample(id);
      const answer = await send(path, init);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(origin.received.length, before + 1);
      const arrived = origin.received.at(-1);
      assert.ok(arrived.verified, "the origin's standardwebhooks library accepts the forwarded signature");
      assert.equal(arrived.headers["content-type"], "application/json");
      assert.equal(arrived.headers["hookgate-provider"], id);
      const event = JSON.parse(arrived.body);
      assert.equal(event.provider, id);
      assert.equal(arrived.headers["hookgate-event-type"], event.type);
      assert.equal(answer.body.id, event.id);
    });
  }

  test("a named endpoint uses its own secret, not the provider's", async () => {
    const body = '{"type":"created","at":"2026-01-01T00:00:00Z","return":{"id":"r1"}}';
    const own = await send("/webhooks/redo/eu", { headers: { authorization: "Bearer eu-only-secret" }, body });
    assert.equal(own.status, 200);
    const providerWide = await send("/webhooks/redo/eu", { headers: { authorization: `Bearer ${secretOf("redo")}` }, body });
    assert.deepEqual([providerWide.status, providerWide.body], [401, { error: "signature_mismatch" }]);
    const unconfigured = await send("/webhooks/redo/us", { headers: { authorization: `Bearer ${secretOf("redo")}` }, body });
    assert.deepEqual([unconfigured.status, unconfigured.body], [503, { error: "missing_secret" }]);
  });
});

describe("URL-bound providers and handshakes", () => {
  test("Square behind a custom domain verifies against the endpoint's PUBLIC_URL, and only against it", async () => {
    const body = samples().square.body;
    const signed = (url) => hookgate.signDelivery("square", { body, url }, { secret: secretOf("square") }).headers;
    const before = origin.received.length;
    // The public origin and path, with the query the Worker received.
    const answer = await send("/webhooks/square/shop?shop=1", { headers: signed("https://hooks.example.com/square?shop=1"), body });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(origin.received.length, before + 1);
    // Signed for the URL the Worker sees instead: not what the sender called, so not accepted.
    const other = await send("/webhooks/square/shop?shop=1", { headers: signed("http://gateway.test/webhooks/square/shop?shop=1"), body });
    assert.deepEqual([other.status, other.body], [401, { error: "signature_mismatch" }]);
  });

  test("WooCommerce's unsigned creation ping gets its 200 and nothing is forwarded; nothing else unsigned does", async () => {
    const before = origin.received.length;
    const form = { "content-type": "application/x-www-form-urlencoded" };
    const ping = await send("/webhooks/woocommerce", { headers: form, body: "webhook_id=12" });
    assert.deepEqual([ping.status, ping.body], [200, { ok: true, ping: true }]);
    const other = await send("/webhooks/woocommerce", { headers: form, body: "webhook_id=12&status=refunded" });
    assert.deepEqual([other.status, other.body], [401, { error: "missing_signature" }]);
    const elsewhere = await send("/webhooks/sendcloud", { headers: form, body: "webhook_id=12" });
    assert.equal(elsewhere.status, 401);
    assert.equal(origin.received.length, before, "nothing reached the origin");
  });

  test("Slack's URL verification is answered with its challenge once it verifies, and not forwarded", async () => {
    const body = JSON.stringify({ token: "t", challenge: "c-3eZbrw1aBm2rZgRNFdxV", type: "url_verification" });
    const before = origin.received.length;
    const { headers } = hookgate.signDelivery("slack", { body }, { secret: secretOf("slack"), timestamp: now() });
    const answer = await send("/webhooks/slack", { headers, body });
    assert.deepEqual([answer.status, answer.body], [200, { challenge: "c-3eZbrw1aBm2rZgRNFdxV" }]);
    const forged = await send("/webhooks/slack", { headers: { ...headers, "x-slack-signature": `v0=${"0".repeat(64)}` }, body });
    assert.equal(forged.status, 401);
    assert.equal(origin.received.length, before);
  });
});

describe("each sender's handshake is answered as it expects, and never forwarded", () => {
  /** A delivery of `id` with this body, signed now with the gateway's secret. */
  const signed = (id, body, extra = {}) => {
    const delivery = hookgate.signDelivery(id, { body, url: `http://gateway.test/webhooks/${id}` }, { ...optionsOf(id), timestamp: now() });
    return { headers: { ...delivery.headers, ...extra }, body: delivery.body };
  };

  test("Zoom's endpoint.url_validation: the plain token and its HMAC-SHA256 under the secret that verified", async () => {
    const body = JSON.stringify({
      payload: { plainToken: "qgg8vlvZRS6UYooatFL8Aw" },
      event_ts: now() * 1000,
      event: "endpoint.url_validation",
    });
    const before = origin.received.length;
    const answer = await send("/webhooks/zoom", signed("zoom", body));
    const expected = createHmac("sha256", secretOf("zoom")).update("qgg8vlvZRS6UYooatFL8Aw").digest("hex");
    assert.deepEqual([answer.status, answer.body], [200, { plainToken: "qgg8vlvZRS6UYooatFL8Aw", encryptedToken: expected }]);
    const forged = signed("zoom", body);
    forged.headers["x-zm-signature"] = `v0=${"0".repeat(64)}`;
    assert.equal((await send("/webhooks/zoom", forged)).status, 401);
    assert.equal(origin.received.length, before);
  });

  test("Twitch's webhook_callback_verification: its challenge as text", async () => {
    const body = JSON.stringify({
      challenge: "pogchamp-kappa-360noscope-vohiyo",
      subscription: { id: "f1c2a387", status: "webhook_callback_verification_pending" },
    });
    const before = origin.received.length;
    const answer = await send(
      "/webhooks/twitch",
      signed("twitch", body, { "Twitch-Eventsub-Message-Type": "webhook_callback_verification" }),
    );
    assert.deepEqual([answer.status, answer.text], [200, "pogchamp-kappa-360noscope-vohiyo"]);
    assert.match(answer.headers.get("content-type"), /^text\/plain/);
    assert.equal(origin.received.length, before);
  });

  test("Xero's intent to receive: an empty 200 when signed, 401 when not", async () => {
    const body = JSON.stringify({ events: [], lastEventSequence: 0, firstEventSequence: 0, entropy: "S0m3r4Nd0mt3xt" });
    const before = origin.received.length;
    const answer = await send("/webhooks/xero", signed("xero", body));
    assert.deepEqual([answer.status, answer.text], [200, ""]);
    const unsigned = await send("/webhooks/xero", { headers: { "x-xero-signature": "bm90IGl0" }, body });
    assert.equal(unsigned.status, 401);
    assert.equal(origin.received.length, before);
  });

  test("Asana's handshake: X-Hook-Secret echoed, nothing forwarded or logged; a delivery with a signature is no handshake", async () => {
    const before = origin.received.length;
    const hookSecret = "b537207f20cbfa02357cf448134da559e8bd39d61597dcd5631b8012eae53e81";
    const answer = await send("/webhooks/asana", { headers: { "X-Hook-Secret": hookSecret }, body: "" });
    assert.deepEqual([answer.status, answer.headers.get("x-hook-secret")], [200, hookSecret]);
    assert.ok(!logs.join("").includes(hookSecret), "the handshake's secret is never logged");
    const withSignature = await send("/webhooks/asana", { headers: { "X-Hook-Secret": hookSecret, "X-Hook-Signature": "00" }, body: "{}" });
    assert.equal(withSignature.status, 401);
    assert.equal(withSignature.headers.get("x-hook-secret"), null);
    assert.equal(origin.received.length, before);
  });
});

describe("bad deliveries never reach the origin", () => {
  const reready = () => signedSample("reready");
  const cases = {
    "wrong secret": () => signedSample("reready", { secret: "not-the-secret" }),
    "tampered body": () => {
      const s = reready();
      s.init.body = s.init.body.replace("pending", "complete");
      return s;
    },
    "stale timestamp": () => signedSample("reready", { timestamp: now() - 3600 }),
    "missing signature header": () => {
      const s = reready();
      s.init.headers = {};
      return s;
    },
    "invalid JSON": () => {
      const body = "not json{";
      return { path: "/webhooks/redo", init: { headers: { authorization: `Bearer ${secretOf("redo")}` }, body } };
    },
    "over-size body with Content-Length": () => ({
      path: "/webhooks/redo",
      init: { headers: { authorization: `Bearer ${secretOf("redo")}` }, body: "x".repeat(MAX_BODY_BYTES + 1) },
    }),
    "wrong method": () => ({ path: "/webhooks/redo", init: { method: "GET" } }),
    "unknown provider": () => ({ path: "/webhooks/not-a-provider", init: { body: "{}" } }),
    "unknown path": () => ({ path: "/admin", init: { body: "{}" } }),
  };
  const expected = {
    "wrong secret": [401, "signature_mismatch"],
    "tampered body": [401, "signature_mismatch"],
    "stale timestamp": [401, "timestamp_out_of_tolerance"],
    "missing signature header": [401, "missing_signature"],
    "invalid JSON": [400, "invalid_json"],
    "over-size body with Content-Length": [413, "payload_too_large"],
    "wrong method": [405, "method_not_allowed"],
    "unknown provider": [404, "unknown_provider"],
    "unknown path": [404, "not_found"],
  };
  for (const [name, make] of Object.entries(cases)) {
    test(name, async () => {
      const before = origin.received.length;
      const { path, init } = make();
      const answer = await send(path, init);
      assert.deepEqual([answer.status, answer.body], [expected[name][0], { error: expected[name][1] }]);
      assert.equal(origin.received.length, before, "nothing reached the origin");
    });
  }

  test("a streamed body is cut off once it passes the limit, long before 100 MB are read", async () => {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const stream = new ReadableStream({
      pull(controller) {
        if (pulled >= 100 * 1024 * 1024) return controller.close();
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const before = origin.received.length;
    const logged = logs.length;
    let answer = null;
    let pulledWhenAnswered;
    try {
      answer = await send("/webhooks/redo", { headers: { authorization: `Bearer ${secretOf("redo")}` }, body: stream, duplex: "half" });
      pulledWhenAnswered = pulled;
    } catch (error) {
      pulledWhenAnswered = pulled;
      // The Worker answers while the upload is still running; the client may then see the connection
      // close before it reads the answer. What matters is what the Worker did, which its log line says.
      assert.equal(error.message, "fetch failed");
    }
    if (answer) assert.deepEqual([answer.status, answer.body], [413, { error: "payload_too_large" }]);
    await waitFor(() => logs.slice(logged).join("").includes('"code":"payload_too_large"'));
    // The answer came while the client had sent only a few MB (buffers in between), not the 100 MB:
    // the Worker stopped reading at the limit. (The client may go on uploading into the void after.)
    assert.ok(pulledWhenAnswered < 16 * 1024 * 1024, `answered after ${pulledWhenAnswered} bytes of a 100 MB body`);
    assert.equal(origin.received.length, before);
  });
});

describe("origin failures make the sender retry", () => {
  test("origin answers 500: 502", async () => {
    origin.state.mode = "fail";
    const { path, init } = signedSample("redo");
    assert.deepEqual(Object.values(await send(path, init)).slice(0, 2), [502, { error: "origin_failed" }]);
  });

  test("origin too slow: 504", async () => {
    origin.state.mode = "slow";
    const { path, init } = signedSample("redo");
    assert.deepEqual(Object.values(await send(path, init)).slice(0, 2), [504, { error: "origin_timeout" }]);
    origin.state.mode = "ok";
  });

  test("origin unreachable: 502", async () => {
    const closed = await startGateway(bindings("http://127.0.0.1:9/events"));
    try {
      const { path, init } = signedSample("redo");
      const answer = await closed.send(path, init);
      assert.deepEqual([answer.status, answer.body], [502, { error: "origin_unreachable" }]);
    } finally {
      await closed.dispose();
    }
  });

  for (const status of [301, 302, 307, 308]) {
    test(`origin answers ${status}: 502, the redirect is not followed, and the log says ${status}`, async () => {
      const trap = await startOrigin(FORWARD_SECRET);
      origin.state.mode = "redirect";
      origin.state.redirectStatus = status;
      origin.state.location = trap.url;
      const logged = logs.length;
      try {
        const { path, init } = signedSample("redo");
        const answer = await send(path, init);
        assert.deepEqual([answer.status, answer.body], [502, { error: "origin_failed" }]);
        assert.equal(trap.received.length, 0, "the redirect target received nothing");
        await waitFor(() => logs.slice(logged).join("").includes('"outcome"'));
        const line = logLines(logs.slice(logged)).find((entry) => "outcome" in entry);
        assert.deepEqual([line.outcome, line.originStatus], ["origin_failed", status]);
      } finally {
        origin.state.mode = "ok";
        await trap.close();
      }
    });
  }
});

describe("health and hygiene", () => {
  test("GET /healthz names the configured endpoints and nothing else", async () => {
    const response = await gateway.mf.dispatchFetch("http://gateway.test/healthz");
    const body = await response.json();
    assert.equal(response.status, 200);
    assert.deepEqual(body.providers, [...registry.map((p) => p.id), "redo/eu", "square/shop"].sort());
    assert.ok(!JSON.stringify(body).includes("secret-for"), "no secret values");
  });

  test("one structured log line per delivery, and no secret in any log line or answer", async () => {
    const deliveryLines = () =>
      logs
        .join("")
        .split("\n")
        .filter((line) => line.includes('"outcome"')).length;
    await waitFor(() => deliveryLines() >= registry.length + 12); // workerd's stdout arrives on its own schedule
    const deliveries = logLines(logs).filter((entry) => "outcome" in entry);
    assert.ok(deliveries.length >= registry.length + 12, `saw ${deliveries.length} delivery lines`);
    for (const entry of deliveries) {
      assert.ok(entry.provider && entry.outcome && typeof entry.ms === "number" && "status" in entry, JSON.stringify(entry));
    }
    assert.ok(deliveries.some((e) => e.outcome === "forwarded" && e.eventId && e.type));
    const everything = logs.join("") + answers.join("");
    for (const { id } of registry) assert.ok(!everything.includes(secretOf(id)), `${id}'s secret leaked`);
    assert.ok(!everything.includes(FORWARD_SECRET) && !everything.includes("eu-only-secret"));
  });
});
