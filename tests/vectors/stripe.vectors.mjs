// Stripe vectors, signed by Stripe's own library (stripe.webhooks.generateTestHeaderString).
import Stripe from "stripe";
import { NOW, fail, ok, sample, vector, write } from "./vectorlib.mjs";

const stripe = new Stripe("sk_test_vectors");
const SECRET = "whsec_test_5b0f9c1a2d3e4f";
const sign = (payload, secret = SECRET, timestamp = NOW) => stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
const body = JSON.stringify({
  id: "evt_1QrStUvWxYz", object: "event", api_version: "2025-12-15", created: NOW, livemode: false, type: "charge.refunded",
  data: { object: { id: "ch_3QrStUvWxYz", object: "charge", amount: 4999, amount_refunded: 4999, currency: "usd" } },
}, null, 2);
const event = ok({ provider: "stripe", id: "evt_1QrStUvWxYz", type: "charge.refunded", sourceType: "charge.refunded",
  occurredAt: "2026-01-01T00:00:00Z", subject: { type: "charge", id: "ch_3QrStUvWxYz" }, test: true });
const header = sign(body);
const v1 = header.split("v1=")[1];

write("stripe", [
  vector("stripe", "valid signature", { "Stripe-Signature": header }, body, { secret: SECRET }, event),
  vector("stripe", "second of two rotated secrets", { "Stripe-Signature": header }, body, { secret: ["whsec_old", SECRET] }, event),
  vector("stripe", "several v1 signatures and a v0, one valid", { "Stripe-Signature": `t=${NOW},v1=${"0".repeat(64)},v0=${"1".repeat(64)},v1=${v1}` },
    body, { secret: SECRET }, event),
  vector("stripe", "one byte changed", { "Stripe-Signature": header }, body.replace("4999", "4990"), { secret: SECRET }, fail("signature_mismatch")),
  vector("stripe", "wrong secret", { "Stripe-Signature": sign(body, "whsec_wrong") }, body, { secret: SECRET }, fail("signature_mismatch")),
  vector("stripe", "no signature header", {}, body, { secret: SECRET }, fail("missing_signature")),
  vector("stripe", "header without a timestamp", { "Stripe-Signature": `v1=${v1}` }, body, { secret: SECRET }, fail("malformed_signature")),
  vector("stripe", "only a v0 signature", { "Stripe-Signature": `t=${NOW},v0=${v1}` }, body, { secret: SECRET }, fail("malformed_signature")),
  vector("stripe", "stale timestamp", { "Stripe-Signature": sign(body, SECRET, NOW - 301) }, body, { secret: SECRET }, fail("timestamp_out_of_tolerance")),
  vector("stripe", "timestamp swapped after signing", { "Stripe-Signature": `t=${NOW},v1=${sign(body, SECRET, NOW - 10).split("v1=")[1]}` },
    body, { secret: SECRET }, fail("signature_mismatch")),
  vector("stripe", "no secret configured", { "Stripe-Signature": header }, body, { secret: null }, fail("missing_secret")),
], sample(body), "stripe (webhooks.generateTestHeaderString)");
