// The package imported as an ES module in Node: every shared vector, every input form.

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";
import * as hookgate from "hookgate";
import { demoSecret } from "../../js/dev/demo-config.mjs";
import { loadVectors, optionsOf, runAll, samples } from "./vectors.mjs";

test("every vector gives its expected outcome through the ESM entry", () => {
  const vectors = loadVectors();
  const { runs, problems } = runAll(hookgate, vectors);
  assert.equal(runs, vectors.length * 6);
  assert.deepEqual(problems, []);
});

test("verifyJson returns the same event as verify, as a string", () => {
  const [vector] = loadVectors().filter((v) => v.provider === "redo" && v.expect.ok);
  const options = { secret: vector.options.secret };
  const json = hookgate.verifyJson("redo", vector.request, options);
  assert.equal(typeof json, "string");
  assert.deepEqual(JSON.parse(json), hookgate.verify("redo", vector.request, options));
});

test("verifyForward's replayDigest: SHA-256 of the body for a credential that signs no time, else null", () => {
  const [redo] = loadVectors().filter((v) => v.provider === "redo" && v.expect.ok);
  const forwarded = hookgate.verifyForward("redo", redo.request, { secret: redo.options.secret });
  // Another call in between: the digest is of this delivery's body, whenever it is read.
  hookgate.verify("redo", redo.request, { secret: redo.options.secret });
  assert.equal(forwarded.replayDigest, createHash("sha256").update(redo.request.body).digest("hex"));
  assert.equal(JSON.parse(JSON.stringify(forwarded)).replayDigest, forwarded.replayDigest);
  const [timed] = loadVectors().filter((v) => v.provider === "reready" && v.expect.ok);
  assert.equal(hookgate.verifyForward("reready", timed.request, optionsOf(timed)).replayDigest, null);
});

test("the package exports one verify for every provider, no per-provider shortcuts", () => {
  for (const name of [
    "verifyRedo",
    "verifyBaback",
    "verifyReturnsCloud",
    "verifyReReady",
    "verifyStandardWebhooks",
    "signReReady",
    "signStandardWebhooks",
  ]) {
    assert.equal(name in hookgate, false, name);
  }
});

test("signing as a sender produces what the verifiers accept", () => {
  const body = '{"device_return_id":"d1","state":"complete","test":true}';
  const { headers } = hookgate.signDelivery("reready", { body }, { secret: "ssk_test", timestamp: 1767225600 });
  assert.match(headers["X-ReReady-Signature-512"], /^t=1767225600,v=[0-9a-f]{128}$/);
  const event = hookgate.verify("reready", { headers, body }, { secret: "ssk_test", now: 1767225650 });
  assert.equal(event.test, true);
  assert.equal(event.occurredAt, "2026-01-01T00:00:00Z");

  const secret = "whsec_TWZLUTlyOEdLWXFyVHdqVVBEOElMUFpJbzJMYUxhU3c=";
  const swBody = '{"type":"return.created","data":{"id":"ret_1"}}';
  const signed = hookgate.signHeaders("standard-webhooks", { secret, body: swBody, timestamp: 1767225600, id: "msg_1" });
  assert.match(signed["webhook-signature"], /^v1,[A-Za-z0-9+/]{43}=$/);
  assert.equal(hookgate.verify("standard-webhooks", { headers: signed, body: swBody }, { secret, now: 1767225600 }).id, "msg_1");
  assert.throws(() => hookgate.signHeaders("standard-webhooks", { secret: "whsec_%%%", body: "{}" }), {
    name: "HookgateError",
    code: "missing_secret",
  });
});

test("errors are HookgateError instances with a code, a provider and no secret in the message", () => {
  const secret = "your-subscriber-secret-123";
  const request = { headers: { Authorization: "Bearer wrong" }, body: "{}" };
  try {
    hookgate.verify("redo", request, { secret });
    assert.fail("accepted a wrong bearer token");
  } catch (error) {
    assert.ok(error instanceof hookgate.HookgateError);
    assert.ok(error instanceof Error);
    assert.equal(error.code, "signature_mismatch");
    assert.equal(error.provider, "redo");
    assert.ok(!error.message.includes(secret) && !error.stack.includes(secret));
  }
  assert.throws(() => hookgate.verify("shopify-ish", request, { secret }), { code: "unknown_provider" });
});

test("an oversized body is refused, bytes and long strings before they are copied into wasm memory", () => {
  const body = "x".repeat(2048);
  assert.throws(() => hookgate.verify("redo", { headers: {}, body }, { secret: "s", maxBodyBytes: 1024 }), { code: "payload_too_large" });
  const multiByte = "é".repeat(600); // 600 code units, 1200 bytes: refused once encoded
  assert.throws(() => hookgate.verify("redo", { headers: {}, body: multiByte }, { secret: "s", maxBodyBytes: 1024 }), {
    code: "payload_too_large",
  });
  assert.throws(() => hookgate.verify("redo", { headers: {}, body: new Uint8Array(1025) }, { secret: "s", maxBodyBytes: 1024 }), {
    code: "payload_too_large",
  });
});

test("string bodies reach the core as their UTF-8 bytes, whatever their characters", () => {
  // Encoded straight into wasm memory: one byte per code unit first, three when that does not fit.
  const texts = ["plain", "é", "日本語", "🦀 and 😀", "\ud800 lone surrogate", `${"a".repeat(480)}€`]; // ids stay under 512 bytes
  for (const text of texts) {
    const body = `{"device_return_id":"${text}","state":"complete"}`; // a lone surrogate stays raw
    // Signed over TextEncoder's bytes: the string and those bytes must verify alike.
    const signed = hookgate.signDelivery("reready", { body: new TextEncoder().encode(body) }, { secret: "k" });
    for (const form of [body, signed.body]) {
      const event = hookgate.verify("reready", { ...signed, body: form }, { secret: "k" });
      assert.equal(event.subject.id, text.replace("\ud800", "\ufffd"));
    }
  }
});

test("nested objects are split through the wasm build's vectorized scan, at every chunk offset", () => {
  // `return.id` is read from an object serde_json already validated, found from its structure 16 bytes
  // at a time with SIMD in the wasm build; the native tests cover the portable twin.
  const values = [
    '"a[\\"{"',
    '"\\\\"',
    '{"x\\\\\\"]":[1,{"y":"}]"}],"z":{}}',
    '[[[[[[[[[[[[[[[[[[[[ "]]" ]]]]]]]]]]]]]]]]]]]]',
    '"\\u0041\\n"',
    "-1.5e+3",
    "null",
  ];
  for (let pad = 0; pad < 17; pad++) {
    for (const [v, value] of values.entries()) {
      const next = values[(v + 1) % values.length];
      const ret = `{${" ".repeat(pad)}"id":"first","a":${value},"b" : [${next}, ${value}] ,"id":"r${pad}-${v}",\n"status":"open"}`;
      const body = `{"type":"created","at":"2023-08-18T12:00:00Z","return":${ret}}`;
      const expected = JSON.parse(body).return; // the last duplicate wins, as here
      const event = hookgate.verify("redo", { headers: { authorization: "Bearer s" }, body }, { secret: "s" });
      assert.equal(event.subject.id, expected.id, body);
      assert.equal(event.status.current, expected.status, body);
    }
  }
});

test("the nesting limit holds through the wasm build's vectorized walk, at every chunk offset", () => {
  // The wasm build reads 16 bytes at a time with SIMD; the native tests cover the portable twin.
  const deepest = (text) => {
    let [depth, max, inString, escaped] = [0, 0, false, false];
    for (const c of text) {
      if (inString && escaped) escaped = false;
      else if (inString && c === "\\") escaped = true;
      else if (c === '"') inString = !inString;
      else if (!inString && (c === "{" || c === "[")) max = Math.max(max, ++depth);
      else if (!inString && (c === "}" || c === "]")) depth--;
    }
    return max;
  };
  const pieces = ['"a[\\"{"', '"\\\\"', '"x\\\\\\"]"', "1", '"[[[[[[[[[[[[[[[[[[[["'];
  let refused = 0;
  for (let pad = 0; pad < 17; pad++) {
    for (const [p, piece] of pieces.entries()) {
      for (const depth of [126, 127, 128]) {
        const open = Array.from({ length: depth }, (_, i) => (i % 2 ? '{"k":' : "[")).join("");
        const close = Array.from({ length: depth }, (_, i) => (i % 2 ? "}" : "]"))
          .reverse()
          .join("");
        const filler = Array(pad)
          .fill(pieces[(p + 1) % pieces.length])
          .join(",");
        const x = `[${filler}${pad ? "," : ""}${" ".repeat(pad)}${open}${piece}${close}]`;
        const body = `{"type":"created","at":"2023-08-18T12:00:00Z","return":{"id":"r1"},"x":${x}}`;
        JSON.parse(body); // the walk is exact only for JSON
        const deep = deepest(body) > 128;
        refused += deep;
        const verify = () => hookgate.verify("redo", { headers: { authorization: "Bearer s" }, body }, { secret: "s" });
        if (deep) assert.throws(verify, { code: "invalid_json" }, `pad ${pad}, depth ${depth}`);
        else assert.equal(verify().subject.id, "r1", `pad ${pad}, depth ${depth}`);
      }
    }
  }
  assert.ok(refused > 0 && refused < 17 * 5 * 3);
});

test("the registry describes every provider, and every provider has vectors", () => {
  const registry = hookgate.providers();
  const ids = registry.map((p) => p.id);
  assert.deepEqual(ids, [...ids].sort());
  for (const id of [
    "redo",
    "baback",
    "returns-cloud",
    "reready",
    "standard-webhooks",
    "loop",
    "aftership",
    "shopify",
    "stripe",
    "github",
    "hmac",
  ]) {
    assert.ok(ids.includes(id), id);
  }
  const vectors = loadVectors();
  for (const provider of registry) {
    assert.ok(provider.name && provider.secretFormat && provider.credentials.length > 0, provider.id);
    assert.ok(provider.docsUrl === null || provider.docsUrl.startsWith("https://"), provider.id);
    assert.ok(
      vectors.some((v) => v.provider === provider.id && v.expect.ok),
      `${provider.id} has an accepted vector`,
    );
    assert.ok(
      vectors.some((v) => v.provider === provider.id && !v.expect.ok),
      `${provider.id} has a rejected vector`,
    );
  }
  const reready = registry.find((p) => p.id === "reready");
  assert.deepEqual(
    reready.credentials.map((c) => c.scheme),
    ["hmac", "url-token"],
  );
  assert.deepEqual(registry.find((p) => p.id === "standard-webhooks").credentials[0].headers, [
    "webhook-signature",
    "svix-signature",
    "webhook-timestamp",
    "svix-timestamp",
    "webhook-id",
    "svix-id",
  ]);
});

test("signHeaders signs for every provider whose credential travels in headers, and the result verifies", () => {
  const hmacScheme = {
    header: "X-Sig",
    algorithm: "sha512",
    encoding: "base64",
    signed: "id.t.body",
    timestampHeader: "X-Ts",
    idHeader: "X-Id",
  };
  const secrets = { "standard-webhooks": "whsec_aGVsbG8gd29ybGQsIHNpeHRlZW4=" };
  const bodies = {
    redo: '{"type":"created","at":"2026-01-01T00:00:00Z","return":{"id":"r1"}}',
    reready: '{"device_return_id":"d1","state":"complete"}',
    loop: '{"topic":"return","trigger":"return.created","id":"1"}',
    aftership: '{"event_id":"e1","event":"tracking_update","msg":{"id":"t1"}}',
    stripe: '{"id":"evt_1","type":"charge.refunded"}',
    "returns-cloud": '{"event":"return_order.status.changed"}',
    easypost: '{"id":"evt_1","description":"tracker.updated","result":{"weight":16}}',
    paddle: '{"event_id":"evt_1","event_type":"transaction.completed"}',
    sendcloud: '{"action":"parcel_status_changed"}',
    intercom: '{"id":"notif_1","topic":"conversation.user.replied"}',
  };
  const extraHeaders = {
    shopify: { "X-Shopify-Topic": "orders/create", "X-Shopify-Event-Id": "e1" },
    github: { "X-GitHub-Event": "ping", "X-GitHub-Delivery": "d1" },
    woocommerce: { "X-WC-Webhook-Topic": "order.created" },
  };
  for (const { id, credentials } of hookgate.providers()) {
    // Its credential travels inside the body or in the URL: no headers to sign.
    if (credentials[0].place.includes("field in the body") || credentials[0].scheme === "url-token") {
      assert.deepEqual(hookgate.signHeaders(id, { secret: demoSecret(id), body: samples()[id].body }), {}, id);
      continue;
    }
    if (credentials[0].signsUrl) {
      // They sign the URL: signHeaders has none, and says so (signDelivery takes one).
      assert.throws(() => hookgate.signHeaders(id, { secret: "s", body: "{}" }), { code: "missing_url" });
      continue;
    }
    const body = bodies[id] ?? samples()[id].body;
    const secret = secrets[id] ?? demoSecret(id);
    // A sender that signs a timestamp inside the body (Linear) changes the body: signDelivery's case.
    if (hookgate.signDelivery(id, { body }, { secret, token: secret, hmac: hmacScheme }).body !== body) continue;
    const signed = hookgate.signHeaders(id, { secret, body, timestamp: 1767225600, id: "msg_1", hmac: hmacScheme });
    const options = id === "returns-cloud" ? { token: secret } : { secret, hmac: hmacScheme, now: 1767225600 };
    const event = hookgate.verify(id, { headers: { ...samples()[id].headers, ...signed, ...extraHeaders[id] }, body }, options);
    assert.equal(event.provider, id);
  }
  assert.throws(() => hookgate.signHeaders("hmac", { secret: "s", body: "{}" }), { code: "missing_secret" });
});

test("detectProvider recognises a delivery by its signature header, else by its payload", () => {
  const sign = (id, body) => hookgate.signHeaders(id, { secret: "s", body, timestamp: 1767225600, id: "msg_1" });
  assert.equal(hookgate.detectProvider({ headers: sign("stripe", "{}"), body: "{}" }), "stripe");
  assert.equal(hookgate.detectProvider({ headers: sign("reready", "{}"), body: "{}" }), "reready");
  assert.equal(hookgate.detectProvider({ headers: {}, body: '{"data":{"action":"a","secret":"s"}}' }), "baback");
  assert.equal(
    hookgate.detectProvider({ headers: {}, body: '{"event":"return_order.status.changed","oldStatus":"a","newStatus":"b"}' }),
    "returns-cloud",
  );
  assert.equal(
    hookgate.detectProvider({ headers: { authorization: "Bearer s" }, body: '{"type":"created","at":"x","return":{}}' }),
    "redo",
  );
  assert.equal(hookgate.detectProvider({ headers: {}, body: "[]" }), null);
});

test("every accepted vector's event matches schema/hook-event.schema.json", async () => {
  const { default: Ajv2020 } = await import("ajv/dist/2020.js");
  const { readFileSync } = await import("node:fs");
  const schema = JSON.parse(readFileSync(new URL("../../schema/hook-event.schema.json", import.meta.url), "utf8"));
  const validate = new Ajv2020({ strict: true }).compile(schema);
  const accepted = loadVectors().filter((v) => v.expect.ok);
  assert.ok(accepted.length > 20);
  for (const vector of accepted) {
    const event = hookgate.verify(vector.provider, vector.request, optionsOf(vector));
    assert.ok(validate(event), `${vector.provider} / ${vector.name}: ${JSON.stringify(validate.errors)}`);
  }
  assert.equal(validate({ provider: "redo" }), false);
});

test("every provider has a documented sample that signDelivery signs and verify accepts", () => {
  const all = samples();
  for (const { id, credentials } of hookgate.providers()) {
    const sample = all[id];
    assert.ok(sample?.body, `${id} has a sample`);
    const secret = demoSecret(id);
    const options = { secret, token: secret, timestamp: 1767225600, ...sample.options };
    const delivery = hookgate.signDelivery(id, sample, options);
    const event = hookgate.verify(id, delivery, { ...options, now: 1767225600 });
    assert.equal(event.provider, id);
    if (credentials[0].scheme === "body-secret") assert.ok(!JSON.stringify(event).includes(secret), "the body secret is removed");
    assert.throws(
      () =>
        hookgate.verify(
          id,
          { ...delivery, body: delivery.body.replace(/.$/, " }") },
          { ...options, secret: "other", token: "other", now: 1767225600 },
        ),
      { name: "HookgateError" },
      `${id} rejects the wrong secret`,
    );
  }
});
