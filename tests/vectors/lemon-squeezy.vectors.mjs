// Lemon Squeezy vectors: `X-Signature` = hex HMAC-SHA256 of the raw body, keyed with the webhook's signing secret as
// UTF-8 (docs.lemonsqueezy.com/help/webhooks/signing-requests; the official template lmsqueezy/nextjs-billing@bc3bd11
// src/app/api/webhook/route.ts). No timestamp. `X-Event-Name` repeats `meta.event_name` unsigned. The official SDK (@lemonsqueezy/lemonsqueezy.js 4.0.0)
// has no verifier and the template's check is a Next.js route, not a function one can call, so node:crypto signs and
// no vector carries `checkedBy`.
// Rerun: node tests/vectors/lemon-squeezy.vectors.mjs
import { digestId, fail, hmac, ok, sample, signatureCases, vector, write } from "./vectorlib.mjs";

const SECRET = "ls_whsec_5e8a2c7f1b9d4e6a"; // made up
// A subscription_created delivery in the shape the template's type guards read (meta.event_name, meta.custom_data,
// data.type/id/attributes; JSON:API), values made up, compacted as sent.
const body = JSON.stringify({
  meta: { test_mode: true, event_name: "subscription_created", custom_data: { user_id: "user_2b7c" }, webhook_id: "3f1d4c2a-9e8b-4a7c-b6d5-1e2f3a4b5c6d" },
  data: {
    type: "subscriptions",
    id: "1048",
    attributes: { store_id: 37, customer_id: 5120, order_id: 6611, product_id: 118, variant_id: 207, product_name: "Returns Pro",
      variant_name: "Monthly", user_name: "Jane Doe", user_email: "jane.doe@example.com", status: "active", status_formatted: "Active",
      renews_at: "2026-01-31T23:59:30.000000Z", ends_at: null, created_at: "2025-12-31T23:59:30.000000Z", updated_at: "2025-12-31T23:59:31.000000Z",
      test_mode: true },
    links: { self: "https://api.lemonsqueezy.com/v1/subscriptions/1048" },
  },
});
const sign = (b, secret) => ({ "X-Signature": hmac("sha256", secret, b, "hex") });
const unsigned = { "Content-Type": "application/json", "X-Event-Name": "subscription_created" };
const event = {
  provider: "lemon-squeezy",
  id: digestId(body),
  type: "subscription.created",
  sourceType: "subscription_created",
  occurredAt: "2025-12-31T23:59:31Z",
  subject: { type: "subscription", id: "1048", reference: null },
  status: { previous: null, current: "active" },
  test: true,
};
const payment = JSON.stringify({ meta: { test_mode: false, event_name: "subscription_payment_success", webhook_id: "3f1d4c2a-9e8b-4a7c-b6d5-1e2f3a4b5c6d" },
  data: { type: "subscription-invoices", id: "7730", attributes: { store_id: 37, subscription_id: 1048, status: "paid", total: 1900, currency: "USD",
    created_at: "2025-12-31T23:59:40.000000Z", updated_at: "2025-12-31T23:59:41.000000Z", test_mode: false } } });

write("lemon-squeezy", [
  ...signatureCases("lemon-squeezy", { sign, body, secret: SECRET, event, extra: unsigned, malformed: "sha256=zz", header: "X-Signature" }),
  vector("lemon-squeezy", "X-Event-Name changed (unsigned): the signed meta.event_name decides", { ...unsigned, ...sign(body, SECRET), "X-Event-Name": "order_refunded" },
    body, { secret: SECRET }, ok({ id: event.id, type: "subscription.created", sourceType: "subscription_created" })),
  vector("lemon-squeezy", "a subscription payment", { ...unsigned, "X-Event-Name": "subscription_payment_success", ...sign(payment, SECRET) }, payment, { secret: SECRET },
    ok({ id: digestId(payment), type: "subscription_payment.succeeded", sourceType: "subscription_payment_success", occurredAt: "2025-12-31T23:59:41Z",
      subject: { type: "subscription_invoice", id: "7730" }, status: { current: "paid" }, test: false })),
  vector("lemon-squeezy", "the signature in base64 instead of hex", { ...unsigned, "X-Signature": hmac("sha256", SECRET, body, "base64") }, body,
    { secret: SECRET }, fail("malformed_signature")),
], sample(body, unsigned), "node:crypto (HMAC-SHA256, hex)");
