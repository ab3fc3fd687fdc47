// Paddle vectors: `ts=…;h1=<hex HMAC-SHA256 of "ts:body">`, by node:crypto. Paddle's SDK verifies only at
// the current time (5 s window), so the cross-check with it lives in tests/js/provider-sdks.test.mjs.
import { fail, hmac, NOW, ok, sample, signatureCases, vector, write } from "./vectorlib.mjs";

const SECRET = "pdl_ntfset_01hv8x2r5z9k4b3n7m6c1d0e2f_abcdefghijklmnopqrstuvwxyz012345";
const body = JSON.stringify({
  event_id: "evt_01hv8x3c4d5e6f7g8h9j0k1m2n",
  event_type: "adjustment.updated",
  occurred_at: "2025-12-31T23:59:59.412398Z",
  notification_id: "ntf_01hv8x3c4d5e6f7g8h9j0k1m2p",
  data: { id: "adj_01hv8x2y3z4a5b6c7d8e9f0g1h", action: "refund", status: "approved", transaction_id: "txn_01hv8" },
});
const sign = (b, secret, ts = NOW) => ({ "Paddle-Signature": `ts=${ts};h1=${hmac("sha256", secret, `${ts}:${b}`, "hex")}` });
const event = {
  provider: "paddle",
  id: "evt_01hv8x3c4d5e6f7g8h9j0k1m2n",
  type: "adjustment.updated",
  sourceType: "adjustment.updated",
  occurredAt: "2025-12-31T23:59:59.412Z",
  subject: { type: "adjustment", id: "adj_01hv8x2y3z4a5b6c7d8e9f0g1h", reference: null },
  status: { previous: null, current: "approved" },
};
const h1 = (b, secret, ts = NOW) => hmac("sha256", secret, `${ts}:${b}`, "hex");

write(
  "paddle",
  [
    ...signatureCases("paddle", { sign: (b, s) => sign(b, s), body, secret: SECRET, event, malformed: `ts=${NOW};h1=zz`, header: "Paddle-Signature" }),
    vector("paddle", "two h1 values during a secret rotation", { "Paddle-Signature": `ts=${NOW};h1=${h1(body, "old")};h1=${h1(body, SECRET)}` },
      body, { secret: SECRET }, ok({ id: event.id })),
    vector("paddle", "signed ten minutes before now", sign(body, SECRET, NOW - 600), body, { secret: SECRET }, fail("timestamp_out_of_tolerance")),
    vector("paddle", "a comma instead of a semicolon", { "Paddle-Signature": `ts=${NOW},h1=${h1(body, SECRET)}` }, body, { secret: SECRET },
      fail("malformed_signature")),
    vector("paddle", "the timestamp changed after signing", { "Paddle-Signature": `ts=${NOW + 1};h1=${h1(body, SECRET)}` }, body,
      { secret: SECRET }, fail("signature_mismatch")),
  ],
  sample(body),
  "node:crypto (HMAC-SHA256, hex)",
);
