// A provider declared at run time (docs/declarations.md), through every entry of the package that takes a
// provider: the contract issue #25 writes, signed by node:crypto (an implementation independent of ours).

import assert from "node:assert/strict";
import { createHash, createHmac } from "node:crypto";
import { test } from "node:test";
import * as hookgate from "hookgate";
import { explain } from "hookgate/explain";
import { ACME as acme } from "./vectors.mjs"; // the contract, as issue #25 writes it

const NOW = 1767225600;
const SECRET = "acme-signing-secret";
const body = JSON.stringify({ event_id: "ev_1", kind: "return.created", created_at: "2026-01-01T00:00:00+01:00", data: { id: "r_9" } });
/** Acme's delivery of `text`, signed by node:crypto with `secret` at `t`. */
const delivery = (text = body, secret = SECRET, t = NOW) => ({
  headers: {
    "X-Acme-Signature": `sha256=${createHmac("sha256", secret).update(`${t}.${text}`).digest("hex")}`,
    "X-Acme-Timestamp": String(t),
    "X-Acme-Delivery": "dlv_1",
  },
  body: text,
});

test("a declared provider verifies and normalizes as the declaration says", () => {
  const event = hookgate.verify(acme, delivery(), { secret: SECRET, now: NOW });
  assert.deepEqual(
    {
      provider: event.provider,
      id: event.id,
      type: event.type,
      sourceType: event.sourceType,
      occurredAt: event.occurredAt,
      subject: event.subject,
    },
    {
      provider: "acme",
      id: "ev_1",
      type: "return.created",
      sourceType: "return.created",
      occurredAt: "2025-12-31T23:00:00Z",
      subject: { type: null, id: "r_9", reference: null },
    },
  );
  assert.deepEqual(JSON.parse(hookgate.verifyJson(acme, delivery(), { secret: SECRET, now: NOW })), event);
  assert.equal(hookgate.verifyForward(acme, delivery(), { secret: SECRET, now: NOW }).id, "ev_1");
});

test("it refuses what the declaration does not allow: a changed body, a wrong secret, a stale time, no signature", () => {
  const cases = [
    [{ ...delivery(), body: body.replace("r_9", "r_8") }, "signature_mismatch"],
    [delivery(body, "other"), "signature_mismatch"],
    [delivery(body, SECRET, NOW - 301), "timestamp_out_of_tolerance"],
    [{ headers: {}, body }, "missing_signature"],
    [{ ...delivery(), headers: { ...delivery().headers, "X-Acme-Signature": "sha1=00" } }, "malformed_signature"],
  ];
  for (const [request, code] of cases) {
    assert.throws(
      () => hookgate.verify(acme, request, { secret: SECRET, now: NOW }),
      { name: "HookgateError", code, provider: "acme" },
      code,
    );
  }
});

test("without event.id it is the message id, else a digest; without a type, unknown; an id that finds nothing is invalid_payload", () => {
  const { event: _, ...bare } = acme;
  const event = hookgate.verify(bare, delivery(), { secret: SECRET, now: NOW });
  assert.deepEqual([event.id, event.type], ["dlv_1", "unknown"]);
  const { idHeader: _id, ...withoutId } = acme.credential;
  const noId = { ...acme, credential: withoutId, event: {} };
  const digest = hookgate.verify(noId, delivery(), { secret: SECRET, now: NOW });
  assert.match(digest.id, /^[0-9a-f]{64}$/);
  const missing = { ...acme, event: { id: "{body.nope}" } };
  assert.throws(() => hookgate.verify(missing, delivery(), { secret: SECRET, now: NOW }), { code: "invalid_payload" });
});

test("a malformed declaration is a TypeError naming the field, from every entry", async () => {
  const wrong = [
    [{ ...acme, credential: { ...acme.credential, algorithm: "md5" } }, /credential\.algorithm/],
    [{ ...acme, credential: { ...acme.credential, signed: "{t}.{bdy}" } }, /credential\.signed/],
    [{ ...acme, event: { type: 7 } }, /event\.type/],
    [{ ...acme, id: "Not An Id" }, /declaration\.id/],
    [{ ...acme, credential: { ...acme.credential, timestampHeadr: "x" } }, /credential\.timestampHeadr/],
    [{ ...acme, id: "stripe" }, /built-in provider/],
  ];
  for (const [declaration, field] of wrong) {
    assert.throws(() => hookgate.verify(declaration, delivery(), { secret: SECRET }), { name: "TypeError", message: field });
    assert.throws(() => hookgate.verifyForward(declaration, delivery(), { secret: SECRET }), { name: "TypeError", message: field });
    assert.throws(() => hookgate.signDelivery(declaration, { body }, { secret: SECRET }), { name: "TypeError", message: field });
    assert.throws(() => explain(declaration, delivery(), { secret: SECRET }), { name: "TypeError", message: field });
    const request = new Request("https://h.test/hook", { method: "POST", headers: delivery().headers, body });
    await assert.rejects(hookgate.verifyRequest(declaration, request, { secret: SECRET }), { name: "TypeError", message: field });
  }
});

test("signDelivery signs as the declaration says, verifyRequest and explain take it too", async () => {
  const signed = hookgate.signDelivery(acme, { body }, { secret: SECRET, timestamp: NOW, id: "dlv_7" });
  assert.deepEqual(signed.headers, { ...delivery().headers, "X-Acme-Delivery": "dlv_7" });
  const request = new Request("https://h.test/hook", { method: "POST", headers: signed.headers, body });
  assert.equal((await hookgate.verifyRequest(acme, request, { secret: SECRET, now: NOW })).id, "ev_1");
  const explained = explain(acme, delivery(), { secret: SECRET, now: NOW, showSigning: true });
  assert.equal(explained.verdict, "verified");
  assert.equal(explained.signing.signed, `${NOW}.${body}`);
  const wrong = explain(acme, delivery(body, "other"), { secret: SECRET, now: NOW });
  assert.equal(wrong.code, "signature_mismatch");
});

test("templates, alternatives, transformations and conditions map a sender's payload", () => {
  const shop = {
    id: "shop",
    credential: { header: "X-Sig", algorithm: "sha256", encoding: "base64", signed: "body" },
    event: [
      {
        when: { "{header:X-Topic}": "orders/*" },
        id: "{header:X-Topic}:{body.order.id|body.order._id}",
        type: { from: "{header:X-Topic}", map: { "orders/create": "order.created", "orders/*ed": "order.{*}ed" }, else: "unknown" },
        subject: { type: "order", id: "{body.order.id|body.order._id}", reference: { from: "{body.order.name}", stripPrefix: "#" } },
        status: { current: { from: "{body.order.status}", lower: true } },
        test: { from: "{body.env}", map: { sandbox: "true" }, else: "false" },
      },
      { id: "sha256:{digest}", type: "{body.items.0.kind}" },
    ],
  };
  const sign = (text) => ({ "X-Sig": createHmac("sha256", "k").update(text).digest("base64") });
  const order = JSON.stringify({ order: { _id: 5, name: "#1001", status: "PAID" }, env: "sandbox" });
  const event = hookgate.verify(shop, { headers: { ...sign(order), "X-Topic": "orders/fulfilled" }, body: order }, { secret: "k" });
  assert.deepEqual(
    [event.id, event.type, event.sourceType, event.subject, event.status.current, event.test],
    ["orders/fulfilled:5", "order.fulfilled", "orders/fulfilled", { type: "order", id: "5", reference: "1001" }, "paid", true],
  );
  const other = JSON.stringify({ items: [{ kind: "refund" }] });
  const second = hookgate.verify(shop, { headers: { ...sign(other), "X-Topic": "refunds/create" }, body: other }, { secret: "k" });
  assert.equal(second.type, "refund");
  // A body-only signature: the digest of the signed bytes is the body's.
  assert.equal(second.id, `sha256:${createHash("sha256").update(other).digest("hex")}`);
});

test("checkDeclaration gives the id, and whether a signature covers the URL the sender called", () => {
  const signing = (signed) => ({ ...acme, credential: { ...acme.credential, signed } });
  assert.deepEqual(hookgate.checkDeclaration(acme), { id: "acme", signsUrl: false });
  assert.deepEqual(hookgate.checkDeclaration(signing("{method}{url}{body}{t}")), { id: "acme", signsUrl: true });
  assert.deepEqual(hookgate.checkDeclaration(signing("{{url}}{t}{body}")), { id: "acme", signsUrl: false }, "a literal {url}");
  assert.throws(() => hookgate.checkDeclaration(signing("{url")), { name: "TypeError", message: /credential\.signed/ });
});
