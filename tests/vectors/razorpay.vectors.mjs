// Razorpay vectors: `X-Razorpay-Signature` = lowercase hex HMAC-SHA256 of the raw body, keyed with the
// webhook secret as given. Razorpay's SDK has no signing helper, so node:crypto signs; every vector that a
// configured secret can judge is checked with Razorpay's own `validateWebhookSignature` (npm `razorpay`).
//
// Rerun: install the SDK outside the repository, then run the generator from the repository root:
//   mkdir -p /work/scratch/sdk-a && cd /work/scratch/sdk-a && npm init -y && npm install razorpay
//   HOOKGATE_SDK_DIR=/work/scratch/sdk-a node tests/vectors/razorpay.vectors.mjs
// Sources: razorpay/razorpay-node@9737ef1 lib/utils/razorpay-utils.js; razorpay.com/docs/webhooks/validate-test
// (the `x-razorpay-event-id` header for duplicates); the body is the documented `payment.captured` (netbanking).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fail, hmac, ok, sample, tamper, UNJUDGED, unjudged, vector, write } from "./vectorlib.mjs";

const SDK_DIR = process.env.HOOKGATE_SDK_DIR ?? "/work/scratch/sdk-a";
const sdk = createRequire(`${SDK_DIR}/package.json`);
const version = (name) => JSON.parse(readFileSync(`${SDK_DIR}/node_modules/${name}/package.json`, "utf8")).version;
const { validateWebhookSignature } = sdk("razorpay"); // the static Razorpay.validateWebhookSignature
const CHECKED_BY = `razorpay@${version("razorpay")} validateWebhookSignature`;

const SECRET = "rzp-webhook-secret-7Qm2Xv9Lp4Tn";
const body = JSON.stringify(JSON.parse(readFileSync(new URL("./documented/razorpay.json", import.meta.url), "utf8")));
const headers = { "Content-Type": "application/json", "X-Razorpay-Event-Id": "N4Wq3pZzF5sYb2" };
const sign = (b, secret) => ({ "X-Razorpay-Signature": hmac("sha256", secret, b, "hex") });
const good = { ...headers, ...sign(body, SECRET) };
const event = {
  provider: "razorpay",
  id: "N4Wq3pZzF5sYb2",
  type: "payment.captured",
  sourceType: "payment.captured",
  occurredAt: "2019-09-05T09:10:06Z",
  subject: { type: "payment", id: "pay_DESlfW9H8K9uqM", reference: "order_DESlLckIVRkHWj" },
  status: { previous: null, current: "captured" },
  test: false,
};
const v = (name, h, b, options, expect) => vector("razorpay", name, h, b, options, expect);
const withoutHeader = (h, name) => Object.fromEntries(Object.entries(h).filter(([key]) => key !== name));
const checkout = hmac("sha256", SECRET, "order_DESlLckIVRkHWj|pay_DESlfW9H8K9uqM", "hex");

const vectors = [
  v("valid signature", good, body, { secret: SECRET }, ok(event)),
  v("second of two rotated secrets", good, body, { secret: ["old-secret", SECRET] }, ok(event)),
  v("one byte changed", good, tamper(body), { secret: SECRET }, fail("signature_mismatch")),
  v("wrong secret", { ...headers, ...sign(body, "wrong-secret") }, body, { secret: SECRET }, fail("signature_mismatch")),
  v("no signature header", headers, body, { secret: SECRET }, fail("missing_signature")),
  v("malformed signature header", { ...headers, "X-Razorpay-Signature": "not-a-hex-signature" }, body, { secret: SECRET },
    fail("malformed_signature")),
  v("no secret configured", good, body, { secret: null }, fail("missing_secret")),
  // Razorpay sends lowercase hex and its SDK compares with ===; hookgate reads hex in either case.
  unjudged(v("signature in uppercase hex", { ...headers, "X-Razorpay-Signature": good["X-Razorpay-Signature"].toUpperCase() }, body,
    { secret: SECRET }, ok({ id: event.id }))),
  // The event id travels only in the unsigned `x-razorpay-event-id` header; without it the id is a digest of the body.
  v("no x-razorpay-event-id header", withoutHeader(good, "X-Razorpay-Event-Id"), body, { secret: SECRET },
    ok({ id: `sha256:${createHash("sha256").update(body).digest("hex")}`, type: "payment.captured" })),
  // The Checkout callback signature (key secret over `order_id|payment_id`) is a different scheme.
  v("a checkout callback signature instead of the webhook one", { ...headers, "X-Razorpay-Signature": checkout }, body,
    { secret: SECRET }, fail("signature_mismatch")),
];

for (const each of vectors) {
  if (each[UNJUDGED] || each.options.secret == null) continue;
  const signature = each.request.headers["X-Razorpay-Signature"];
  const verdict = [].concat(each.options.secret).some((secret) => {
    try {
      return validateWebhookSignature(each.request.body, signature, secret) === true;
    } catch {
      return false;
    }
  });
  if (verdict !== each.expect.ok) throw new Error(`${CHECKED_BY} says ${verdict} for "${each.name}", expected ${each.expect.ok}`);
  each.checkedBy = CHECKED_BY;
}
write("razorpay", vectors, sample(body, headers), `node:crypto (HMAC-SHA256, hex); judged by ${CHECKED_BY}`);
