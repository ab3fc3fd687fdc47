// WooCommerce vectors: base64 HMAC-SHA256 of the body (WC_Webhook::generate_signature), by node:crypto.
// WooCommerce has no npm signer or verifier. Its bodies are PHP's json_encode: `/` escaped, compact.
import { digestId, fail, hmac, ok, sample, signatureCases, vector, write } from "./vectorlib.mjs";

const SECRET = "wc-webhook-secret-&-more";
const body = JSON.stringify({
  id: 7301,
  number: "7301",
  status: "refunded",
  currency: "USD",
  total: "49.00",
  date_modified_gmt: "2026-01-01T09:59:30",
  billing: { email: "jane.doe@example.com" },
  refunds: [{ id: 7302, reason: "Too big", total: "-49.00" }],
}).replaceAll("/", "\\/");
const headers = {
  "X-WC-Webhook-Source": "https://shop.example.com/",
  "X-WC-Webhook-Topic": "order.updated",
  "X-WC-Webhook-Resource": "order",
  "X-WC-Webhook-Event": "updated",
  "X-WC-Webhook-ID": "12",
  "X-WC-Webhook-Delivery-ID": "2b5d2f2b7e3c6d1f0a9b8c7d6e5f4a3b",
};
const sign = (b, secret) => ({ "X-WC-Webhook-Signature": hmac("sha256", secret, b, "base64") });
const event = {
  provider: "woocommerce",
  id: digestId(body),
  type: "order.updated",
  sourceType: "order.updated",
  occurredAt: "2026-01-01T09:59:30Z",
  subject: { type: "order", id: "7301", reference: "7301" },
  status: { previous: null, current: "refunded" },
};

write(
  "woocommerce",
  [
    ...signatureCases("woocommerce", { sign, body, secret: SECRET, event, extra: headers, malformed: "not base64!", header: "X-WC-Webhook-Signature" }),
    // The same bytes delivered again (a new delivery id) are the same event.
    vector("woocommerce", "a redelivery has the same id", { ...headers, "X-WC-Webhook-Delivery-ID": "ffff", ...sign(body, SECRET) }, body,
      { secret: SECRET }, ok({ id: event.id })),
    // The ping sent when a webhook is created is unsigned: it never verifies (the gateway answers it).
    vector("woocommerce", "the creation ping is unsigned", { "Content-Type": "application/x-www-form-urlencoded" }, "webhook_id=12",
      { secret: SECRET }, fail("missing_signature")),
    vector("woocommerce", "no topic header", sign(body, SECRET), body, { secret: SECRET }, fail("invalid_payload")),
  ],
  sample(body, headers),
  "node:crypto (HMAC-SHA256, base64)",
);
