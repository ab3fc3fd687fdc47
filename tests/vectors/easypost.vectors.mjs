// EasyPost vectors: `hmac-sha256-hex=` + hex HMAC-SHA256 (node:crypto) of the body with integer weights
// written as floats, as EasyPost signs; every accepted one checked with EasyPost's SDK
// (`@easypost/api` Utils.validateWebhook) before writing, and every rejected signature refused by it.
import assert from "node:assert/strict";
import EasyPost from "@easypost/api";
import { fail, hmac, ok, sample, signatureCases, vector, write } from "./vectorlib.mjs";

const SECRET = "easypost-webhook-secret-17";
const floatWeights = (b) => b.replace(/("weight":\s*)(\d+)(\s*)(?=,|\})/g, "$1$2.0");
const body = JSON.stringify({
  object: "Event",
  id: "evt_0f1b6c3e9a1e11f0b3e1d3a5c6e8f2a1",
  mode: "production",
  description: "tracker.updated",
  created_at: "2025-12-31T23:59:57Z",
  previous_attributes: { status: "in_transit" },
  result: { object: "Tracker", id: "trk_6c1f", tracking_code: "9400100000000000000000", status: "delivered", weight: 17.5 },
  status: "pending",
});
// A parcel weighing a whole number of ounces: EasyPost's signer wrote it as 16.0.
const integerWeight = body.replace('"weight":17.5', '"weight":16');
const sign = (b, secret) => ({ "X-Hmac-Signature": `hmac-sha256-hex=${hmac("sha256", secret, floatWeights(b), "hex")}` });
const event = {
  provider: "easypost",
  id: "evt_0f1b6c3e9a1e11f0b3e1d3a5c6e8f2a1",
  type: "tracker.updated",
  sourceType: "tracker.updated",
  occurredAt: "2025-12-31T23:59:57Z",
  subject: { type: "Tracker", id: "trk_6c1f", reference: "9400100000000000000000" },
  status: { previous: "in_transit", current: "delivered" },
  test: false,
};
const vectors = [
  ...signatureCases("easypost", { sign, body, secret: SECRET, event, malformed: "sha256=abc", header: "X-Hmac-Signature" }),
  vector("easypost", "an integer weight, signed as a float", sign(integerWeight, SECRET), integerWeight, { secret: SECRET }, ok({ id: event.id })),
  vector("easypost", "an integer weight, signed as sent", { "X-Hmac-Signature": `hmac-sha256-hex=${hmac("sha256", SECRET, integerWeight, "hex")}` },
    integerWeight, { secret: SECRET }, fail("signature_mismatch")),
  vector("easypost", "a test-mode event", sign(body.replace('"production"', '"test"'), SECRET), body.replace('"production"', '"test"'),
    { secret: SECRET }, ok({ test: true })),
];
const client = new EasyPost("test-key-not-used");
for (const { request, expect } of vectors.filter((each) => each.options.secret === SECRET)) {
  const accepted = (() => {
    try {
      client.Utils.validateWebhook(Buffer.from(request.body), request.headers, SECRET);
      return true;
    } catch {
      return false;
    }
  })();
  // The SDK checks the signature only: it accepts what hookgate rejects later for the payload's shape.
  if (expect.ok || expect.code === "signature_mismatch") assert.equal(accepted, expect.ok, JSON.stringify(expect));
}
write("easypost", vectors, sample(body), "node:crypto (HMAC-SHA256, hex, weights as floats), checked with @easypost/api validateWebhook");
