// Sendcloud vectors: hex HMAC-SHA256 of the body, by node:crypto, and the test vector from Sendcloud's
// documentation. Sendcloud has no npm verifier.
import { digestId, fail, hmac, ok, sample, signatureCases, vector, write } from "./vectorlib.mjs";

const SECRET = "sendcloud-secret-key-9f2";
const body = JSON.stringify({
  action: "parcel_status_changed",
  timestamp: 1767225599123,
  parcel: { id: 90213456, tracking_number: "3SYZXG132912330", status: { id: 11, message: "Delivered" }, order_number: "1001" },
});
const sign = (b, secret) => ({ "Sendcloud-Signature": hmac("sha256", secret, b, "hex") });
const event = {
  provider: "sendcloud",
  id: digestId(body),
  type: "parcel_status_changed",
  sourceType: "parcel_status_changed",
  occurredAt: "2025-12-31T23:59:59.123Z",
  subject: { type: "parcel", id: "90213456", reference: "3SYZXG132912330" },
  status: { previous: null, current: "Delivered" },
};
// From https://sendcloud.dev/api/v2/webhooks: body `{"key": "value"}`, key `secretkey`.
const documented = '{"key": "value"}';

write(
  "sendcloud",
  [
    ...signatureCases("sendcloud", { sign, body, secret: SECRET, event, malformed: "zz", header: "Sendcloud-Signature" }),
    vector("sendcloud", "the documentation's test vector verifies (and has no action)",
      { "Sendcloud-Signature": "1eed4b3d41f4653ac64fd56f1bf1cbfd349e4482cbc11dff7134bd93e5da4b0a" }, documented, { secret: "secretkey" },
      fail("invalid_payload")),
    vector("sendcloud", "the documentation's test vector with another key",
      { "Sendcloud-Signature": "1eed4b3d41f4653ac64fd56f1bf1cbfd349e4482cbc11dff7134bd93e5da4b0a" }, documented, { secret: "secretkey2" },
      fail("signature_mismatch")),
  ],
  sample(body),
  "node:crypto (HMAC-SHA256, hex); Sendcloud's documented test vector",
);
