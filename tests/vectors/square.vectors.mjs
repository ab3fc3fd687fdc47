// Square vectors: base64 HMAC-SHA256 of the notification URL followed by the body, by node:crypto, each
// accepted one checked with Square's own SDK (`square` WebhooksHelper.verifySignature) before writing.
import assert from "node:assert/strict";
import { WebhooksHelper } from "square";
import { fail, hmac, ok, sample, signatureCases, vector, write } from "./vectorlib.mjs";

const SECRET = "sq0wss-Uz5lSmAuXlBDXAOs7_ndbw";
const URL = "https://edge.example.com/webhooks/square?endpoint=refunds";
const body = JSON.stringify({
  merchant_id: "6SSW7HV8K2ST5",
  type: "refund.updated",
  event_id: "b84e8c16-1d1b-4c5e-a2f6-4a1e2c36e3f1",
  created_at: "2025-12-31T23:59:58.312Z",
  data: { type: "refund", id: "pWvwo4yjVc2yP4fNh2pEjCmZ5Xe", object: { refund: { id: "pWvwo4yjVc2yP4fNh2pEjCmZ5Xe", status: "COMPLETED" } } },
});
const sign = (b, secret, url = URL) => ({ "x-square-hmacsha256-signature": hmac("sha256", secret, url + b, "base64") });
const headers = { "square-version": "2025-10-16", "square-environment": "Production", "square-retry-number": "0" };
const event = {
  provider: "square",
  id: "b84e8c16-1d1b-4c5e-a2f6-4a1e2c36e3f1",
  type: "refund.updated",
  sourceType: "refund.updated",
  occurredAt: "2025-12-31T23:59:58.312Z",
  subject: { type: "refund", id: "pWvwo4yjVc2yP4fNh2pEjCmZ5Xe", reference: null },
  status: { previous: null, current: "COMPLETED" },
  test: false,
};
const good = { ...headers, ...sign(body, SECRET) };
const v = (name, h, b, options, expect, url = URL) => vector("square", name, h, b, options, expect, url);

const vectors = [
  ...signatureCases("square", { sign: (b, s) => sign(b, s), body, secret: SECRET, event, extra: headers, malformed: "!!", header: "x-square-hmacsha256-signature", url: URL }),
  v("a trailing slash on the path", good, body, { secret: SECRET }, fail("signature_mismatch"), URL.replace("square?", "square/?")),
  v("http: for https:", good, body, { secret: SECRET }, fail("signature_mismatch"), URL.replace("https:", "http:")),
  v("another query", good, body, { secret: SECRET }, fail("signature_mismatch"), URL.replace("refunds", "orders")),
  v("no URL to check it against", good, body, { secret: SECRET }, fail("missing_url"), null),
  v("a path without the host", good, body, { secret: SECRET }, fail("missing_url"), "/webhooks/square?endpoint=refunds"),
  v("only the legacy SHA-1 header", { ...headers, "x-square-signature": hmac("sha1", SECRET, URL + body, "base64") }, body, { secret: SECRET },
    fail("missing_signature")),
  v("a sandbox delivery is a test", { ...good, "square-environment": "Sandbox" }, body, { secret: SECRET }, ok({ test: true })),
];
// Square's SDK must agree on every accepted one.
for (const { request, expect } of vectors.filter((each) => each.expect.ok)) {
  const signatureHeader = request.headers["x-square-hmacsha256-signature"];
  assert.ok(await WebhooksHelper.verifySignature({ requestBody: request.body, signatureHeader, signatureKey: SECRET, notificationUrl: request.url }), expect);
}
write("square", vectors, sample(body, headers), "node:crypto (HMAC-SHA256, base64), checked with square's WebhooksHelper.verifySignature");
