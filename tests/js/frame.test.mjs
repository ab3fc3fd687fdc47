// The wasm frame (src/bindings/frame.rs, pkg-template/src/frame.js): no value, whatever its type or
// position, can add, drop or change another field of a call; and what carried a secret into the module,
// or a key out of it, is zeroed once the call returns.

import assert from "node:assert/strict";
import { test } from "node:test";
import * as hookgate from "hookgate";
import { explain } from "hookgate/explain";
import * as coreWasm from "../../pkg/hookgate.js";
import * as toolsWasm from "../../pkg/hookgate_explain.js";
import { samples, secretFor } from "./vectors.mjs";

const NOW = 1767225600;
const EVIL = "evil-secret-chosen-by-an-attacker";
/** The attacker's key as `provider` takes keys (Standard Webhooks: `whsec_` and base64; Adyen: hex). */
const evilKey = (provider) => secretFor(hookgate.providers(), provider, EVIL);

/** A delivery of `provider`'s sample signed with `secret`, the way its sender signs it. */
function signedWith(provider, secret, url = `https://h.test/webhooks/${provider}`) {
  const sample = samples()[provider];
  return hookgate.signDelivery(provider, { ...sample, url }, { secret, token: secret, timestamp: NOW, ...sample.options });
}

test("a NUL in the URL cannot add a secret: the delivery is rejected as bad input, for every provider", () => {
  for (const { id } of hookgate.providers()) {
    const forged = signedWith(id, evilKey(id));
    const url = `${forged.url}${forged.url.includes("?") ? "&" : "?"}x=\0S${evilKey(id)}\0T${EVIL}\0`;
    const request = { headers: forged.headers, body: forged.body, url };
    const options = { secret: "the-real-secret", token: "the-real-token", now: NOW, ...samples()[id].options };
    for (const call of [hookgate.verify, hookgate.verifyJson, hookgate.verifyForward]) {
      assert.throws(
        () => call(id, request, options),
        { name: "HookgateError", code: "invalid_payload", message: /NUL/ },
        `${id} ${call.name}`,
      );
    }
    assert.equal(explain(id, request, options).code, "invalid_payload", id);
  }
});

test("a NUL in the URL cannot turn on showSigning in explain", () => {
  const forged = signedWith("reready", "real-secret");
  const explained = explain("reready", { ...forged, url: "https://h.test/p?\0R\0" }, { secret: "real-secret", now: NOW });
  assert.equal(explained.signing, null);
  assert.equal(explained.code, "invalid_payload");
});

test("a header holding a NUL, in its name or its value and in any headers shape, is left out and adds nothing", () => {
  const forged = signedWith("reready", EVIL);
  const [[name, value]] = Object.entries(forged.headers);
  const injected = `${value}\0S${EVIL}\0`;
  const shapes = {
    object: { [name]: injected },
    pairs: [[name, injected]],
    Map: new Map([[name, injected]]),
    "object, NUL in the name": { [`x\0S${EVIL}\0${name}`]: value },
    "pairs, NUL in the name": [[`x\0S${EVIL}\0${name}`, value]],
    "Map, NUL in the name": new Map([[`x\0S${EVIL}\0${name}`, value]]),
    "array value": { [name]: [injected] },
  };
  for (const [shape, headers] of Object.entries(shapes)) {
    assert.throws(
      () => hookgate.verify("reready", { headers, body: forged.body }, { secret: "real-secret", now: NOW }),
      { code: "missing_signature" },
      shape,
    );
  }
});

test("a NUL in a secret, a token, a forwarding key or a message id is a TypeError naming the option", () => {
  const request = { headers: {}, body: "{}" };
  const cases = [
    ["secret", () => hookgate.verify("redo", request, { secret: "a\0b" })],
    ["secret", () => hookgate.verify("redo", request, { secret: ["ok", "a\0b"] })],
    ["token", () => hookgate.verify("returns-cloud", request, { token: "a\0b" })],
    ["token", () => hookgate.verify("returns-cloud", request, { token: ["a\0b"] })],
    ["forwardSecret", () => hookgate.verifyForward("redo", request, { secret: "s", forwardSecret: "whsec_a\0F" })],
    ["forwardSecret", () => hookgate.signForOrigin("{}", "evt_1", "whsec_a\0b")],
    ["id", () => hookgate.signForOrigin("{}", "evt_1\0Fwhsec_c2l4dGVlbi1ieXRlLWtleQ==", "whsec_c2l4dGVlbi1ieXRlLWtleQ==")],
    ["id", () => hookgate.signDelivery("standard-webhooks", { body: "{}" }, { secret: "whsec_c2l4dGVlbi1ieXRlLWtleQ==", id: "m\0Sx" })],
    ["url", () => hookgate.signDelivery("square", { body: "{}", url: "https://h.test/\0Sx" }, { secret: "s" })],
  ];
  for (const [option, call] of cases) assert.throws(call, { name: "TypeError", message: new RegExp(`${option}.*NUL`) }, option);
});

test("signForOrigin with an injected key in the id signs nothing with it", () => {
  const key = "whsec_ZXZpbC1mb3J3YXJkLWtleS0xNmJ5dGVz";
  assert.throws(() => hookgate.signForOrigin("{}", `evt_1\0F${key}`, "whsec_cmVhbC1mb3J3YXJkLWtleS0xNmJ5dGVz"), TypeError);
});

/** Whether `text`'s UTF-8 bytes appear anywhere in a module's linear memory. */
function inMemory(wasm, text) {
  return Buffer.from(wasm.wasmMemory().buffer).includes(Buffer.from(text, "utf8"));
}

/** The first `length` bytes of a module's input buffer, where each call's frame and body are written (past what was written is other memory). */
const inputBuffer = (wasm, length) => Buffer.from(wasm.wasmMemory().buffer, wasm.inputBuffer(0), length);

/** The last answer's bytes in a module's output buffer. */
function lastAnswer(wasm) {
  const [address, length] = new Uint32Array(wasm.wasmMemory().buffer, wasm.resultSlots(), 2);
  return Buffer.from(wasm.wasmMemory().buffer, address, length);
}

test("the input buffer that carried the secrets and the body is zeroed once the call returns", () => {
  const secret = "baback-secret-in-the-frame-and-the-body";
  const body = samples().baback.body.replace(/"secret":"[^"]*"/, `"secret":"${secret}"`);
  assert.ok(body.includes(secret));
  const event = hookgate.verify("baback", { headers: { "x-other": secret }, body }, { secret, token: secret, now: NOW });
  assert.ok(!JSON.stringify(event).includes(secret));
  assert.ok(inputBuffer(coreWasm, body.length + 100).every((byte) => byte === 0));
  assert.throws(() => hookgate.verify("baback", { headers: {}, body }, { secret: ["other", `${secret}-not`], now: NOW }));
  assert.ok(inputBuffer(coreWasm, body.length + 100).every((byte) => byte === 0));
});

test("a forwarding key, a bearer and a configured secret do not stay anywhere in the core module's memory", () => {
  const forwardSecret = "whsec_Zm9yd2FyZC1rZXktdGhhdC1tdXN0LWdvLWF3YXk=";
  const bearer = "redo-bearer-that-must-go-away";
  const body = JSON.stringify({ type: "created", at: "2026-01-01T00:00:00Z", return: { id: "r1", status: "pending" } });
  hookgate.verifyForward("redo", { headers: { authorization: `Bearer ${bearer}` }, body }, { secret: bearer, forwardSecret, now: NOW });
  hookgate.signForOrigin(body, "evt_1", forwardSecret);
  hookgate.verify("redo", { headers: { authorization: `Bearer ${bearer}` }, body }, { secret: ["unused-secret-a", bearer] });
  for (const each of [forwardSecret, bearer, "unused-secret-a"]) assert.equal(inMemory(coreWasm, each), false, each);
});

test("the tools module zeroes what signing as a sender put out (a body secret, a URL token, a bearer)", () => {
  const secret = "baback-secret-that-must-go-away";
  const signed = hookgate.signDelivery("baback", { body: samples().baback.body }, { secret });
  assert.ok(signed.body.includes(secret));
  assert.ok(lastAnswer(toolsWasm).every((byte) => byte === 0));
  const token = "url-token-that-must-go-away";
  assert.ok(hookgate.signDelivery("returns-cloud", { body: "{}" }, { token }).url.includes(token));
  assert.ok(lastAnswer(toolsWasm).every((byte) => byte === 0));
  const bearer = "bearer-that-must-go-away";
  assert.equal(hookgate.signDelivery("redo", { body: "{}" }, { secret: bearer }).headers.Authorization, `Bearer ${bearer}`);
  for (const each of [secret, token, bearer]) assert.equal(inMemory(toolsWasm, each), false, each);
});
