// Box (V2 webhooks) vectors: `box-signature-primary` and `box-signature-secondary` each hold base64
// HMAC-SHA256 of the raw body bytes followed by the `box-delivery-timestamp` header bytes (RFC 3339, as sent),
// keyed with the app's primary and secondary signature keys as given; `box-signature-version` must be `1` and
// `box-signature-algorithm` `HmacSHA256`. Box's SDKs expose no signing helper, so node:crypto signs; every vector
// a configured key can judge is checked with Box's own `WebhooksManager.validateMessage` (npm `box-node-sdk`)
// with the clock set to the vectors' `now` and `maxAge: 300` (its default is 600 s; it also refuses any
// timestamp in the future). Each configured key is tried as the primary and as the secondary key.
//
// Rerun: install the SDK outside the repository, then run the generator from the repository root:
//   mkdir -p /work/scratch/sdk-a && cd /work/scratch/sdk-a && npm init -y && npm install box-node-sdk
//   HOOKGATE_SDK_DIR=/work/scratch/sdk-a node tests/vectors/box.vectors.mjs
// Sources: box-node-sdk 10.x lib/managers/webhooks.js validateMessage and lib/internal/utilsNode.js
// computeWebhookSignature; box/box-node-sdk@7dcf9c2b src/managers/webhooks.ts (3.x); developer.box.com/guides/webhooks/v2
// (headers, BOX-DELIVERY-ID changes on retry, body id does not) and .../v2/signatures-v2 (10 minutes, body then
// timestamp). The body is the documented webhook-invocation example (developer.box.com/reference/resources/webhook-invocation).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fail, hmac, NOW, ok, sample, tamper, vector, write } from "./vectorlib.mjs";

const SDK_DIR = process.env.HOOKGATE_SDK_DIR ?? "/work/scratch/sdk-a";
const sdk = createRequire(`${SDK_DIR}/package.json`);
const version = (name) => JSON.parse(readFileSync(`${SDK_DIR}/node_modules/${name}/package.json`, "utf8")).version;
const { WebhooksManager } = sdk("box-node-sdk/managers");
const CHECKED_BY = `box-node-sdk@${version("box-node-sdk")} WebhooksManager.validateMessage (maxAge 300)`;

const PRIMARY = "boxPrimaryKey0123456789abcdefghij";
const SECONDARY = "boxSecondaryKey9876543210zyxwvuts";
const body = JSON.stringify(JSON.parse(readFileSync(new URL("./documented/box.json", import.meta.url), "utf8")));
// 2025-12-31T16:00:00-08:00 is the vectors' now, written as Box writes it (with an offset).
const TS = "2025-12-31T16:00:00-08:00";
const tsAt = (seconds) => new Date((NOW + seconds) * 1000).toISOString().replace(".000Z", "Z");
const headers = {
  "box-delivery-id": "673a081b-bb4b-4d45-b4f1-4131a29c1d07",
  "box-signature-version": "1",
  "box-signature-algorithm": "HmacSHA256",
  "content-type": "application/json; charset=UTF-8",
  "user-agent": "Box-WH-Client/0.1",
};
const sig = (b, key, ts) => hmac("sha256", key, b + ts, "base64");
const sign = (b, { primary = PRIMARY, secondary = SECONDARY, ts = TS } = {}) => ({
  ...headers,
  "box-delivery-timestamp": ts,
  ...(primary && { "box-signature-primary": sig(b, primary, ts) }),
  ...(secondary && { "box-signature-secondary": sig(b, secondary, ts) }),
});
const good = sign(body);
const event = {
  provider: "box",
  id: "11446498",
  type: "FILE.UPLOADED",
  sourceType: "FILE.UPLOADED",
  occurredAt: "2012-12-12T18:53:43Z",
  subject: { type: "file", id: "12345", reference: "Contract.pdf" },
  test: false,
};

const v = (name, h, b, options, expect) => vector("box", name, h, b, options, expect);
const without = (h, ...names) => Object.fromEntries(Object.entries(h).filter(([key]) => !names.includes(key)));
const vectors = [
  v("valid signatures (primary key configured)", good, body, { secret: PRIMARY }, ok(event)),
  v("second of two rotated secrets", good, body, { secret: ["old-secret", PRIMARY] }, ok(event)),
  v("one byte changed", good, tamper(body), { secret: PRIMARY }, fail("signature_mismatch")),
  v("wrong key", sign(body, { primary: "wrong-key", secondary: "other-wrong-key" }), body, { secret: PRIMARY }, fail("signature_mismatch")),
  v("no signature headers", without(good, "box-signature-primary", "box-signature-secondary"), body, { secret: PRIMARY },
    fail("missing_signature")),
  v("malformed primary signature, no secondary", { ...without(good, "box-signature-secondary"), "box-signature-primary": "!!not base64!!" },
    body, { secret: PRIMARY }, fail("malformed_signature")),
  v("no key configured", good, body, { secret: null }, fail("missing_secret")),
  v("delivered 301 s before now", sign(body, { ts: tsAt(-301) }), body, { secret: PRIMARY }, fail("timestamp_out_of_tolerance")),
  v("delivered 301 s after now", sign(body, { ts: tsAt(301) }), body, { secret: PRIMARY }, fail("timestamp_out_of_tolerance")),
  v("the timestamp changed after signing", { ...good, "box-delivery-timestamp": "2025-12-31T16:00:01-08:00" }, body, { secret: PRIMARY },
    fail("signature_mismatch")),
  // Box's two keys are a rotation: either header may carry the signature that verifies.
  v("only the secondary key configured", good, body, { secret: SECONDARY }, ok({ id: event.id })),
  v("both keys configured", good, body, { secret: [PRIMARY, SECONDARY] }, ok({ id: event.id })),
  v("primary signed with a retired key, secondary valid", sign(body, { primary: "retired-key" }), body, { secret: SECONDARY },
    ok({ id: event.id })),
  v("only the secondary header present", sign(body, { primary: null }), body, { secret: SECONDARY }, ok({ id: event.id })),
  v("only the primary header present", sign(body, { secondary: null }), body, { secret: PRIMARY }, ok({ id: event.id })),
  // The timestamp is signed exactly as sent: the same instant written in UTC is another string.
  v("the timestamp written in UTC, signed as sent", sign(body, { ts: "2026-01-01T00:00:00Z" }), body, { secret: PRIMARY },
    ok({ id: event.id })),
  v("signed with one spelling of the instant, sent with another", { ...good, "box-delivery-timestamp": "2026-01-01T00:00:00Z" }, body,
    { secret: PRIMARY }, fail("signature_mismatch")),
  v("box-signature-version is not 1", { ...good, "box-signature-version": "2" }, body, { secret: PRIMARY }, fail("malformed_signature")),
  v("box-signature-algorithm is not HmacSHA256", { ...good, "box-signature-algorithm": "HmacSHA512" }, body, { secret: PRIMARY },
    fail("malformed_signature")),
  v("no box-signature-version header", without(good, "box-signature-version"), body, { secret: PRIMARY }, fail("malformed_signature")),
  v("no box-delivery-timestamp header", without(good, "box-delivery-timestamp"), body, { secret: PRIMARY }, fail("missing_signature")),
];

const realNow = Date.now;
Date.now = () => NOW * 1000;
try {
  for (const each of vectors) {
    if (each.options.secret == null) continue;
    let verdict = false;
    for (const key of [].concat(each.options.secret)) {
      try {
        if (await WebhooksManager.validateMessage(each.request.body, each.request.headers, key, { secondaryKey: key, maxAge: 300 })) verdict = true;
      } catch {
        // an absent or unreadable timestamp
      }
    }
    if (verdict !== each.expect.ok) throw new Error(`${CHECKED_BY} says ${verdict} for "${each.name}", expected ${each.expect.ok}`);
    each.checkedBy = CHECKED_BY;
  }
} finally {
  Date.now = realNow;
}
write("box", vectors, sample(body, without(good, "box-signature-primary", "box-signature-secondary", "box-delivery-timestamp")),
  `node:crypto (HMAC-SHA256 of body + timestamp, base64); judged by ${CHECKED_BY} at now`);
