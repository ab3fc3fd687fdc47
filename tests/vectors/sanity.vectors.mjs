// Sanity (GROQ-powered webhooks) vectors: `sanity-webhook-signature: t=<unix ms>,v1=<sig>` where sig is
// base64url without padding of HMAC-SHA256 over `t + "." + body`, keyed with the webhook's secret as given.
// Signed by Sanity's own toolkit (`encodeSignatureHeader`, npm `@sanity/webhook`) and judged by its
// `isValidSignature`. The toolkit applies no time window (it only refuses t before 2021-01-01), so hookgate's
// 300 s window is its own policy: stale and future timestamps are not judged.
//
// Rerun: install the SDK outside the repository, then run the generator from the repository root:
//   mkdir -p /work/scratch/sdk-a && cd /work/scratch/sdk-a && npm init -y && npm install @sanity/webhook
//   HOOKGATE_SDK_DIR=/work/scratch/sdk-a node tests/vectors/sanity.vectors.mjs
// Sources: sanity-io/webhook-toolkit@649f5ad src/signature.ts; sanity.io/docs/webhooks (headers, idempotency-key,
// HTTP methods). The body is the default projection (the whole document after the change) of an example
// document; Sanity has no fixed payload shape, and no verbatim documentation example was retrieved.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fail, NOW, ok, sample, tamper, UNJUDGED, unjudged, vector, write } from "./vectorlib.mjs";

const SDK_DIR = process.env.HOOKGATE_SDK_DIR ?? "/work/scratch/sdk-a";
const sdk = createRequire(`${SDK_DIR}/package.json`);
const version = (name) => JSON.parse(readFileSync(`${SDK_DIR}/node_modules/${name}/package.json`, "utf8")).version;
const { encodeSignatureHeader, isValidSignature } = sdk("@sanity/webhook");
const VERSION = `@sanity/webhook@${version("@sanity/webhook")}`;
const CHECKED_BY = `${VERSION} isValidSignature`;

const SECRET = "sanity-webhook-secret-5b7d9f1h3k";
const MS = NOW * 1000;
const body = JSON.stringify({
  _createdAt: "2025-11-20T09:14:02Z", _id: "post-3f2a1c", _rev: "Xq1fVbI0Q8wM3nP7kL2s9d", _type: "post",
  _updatedAt: "2025-12-31T23:59:58Z", slug: { _type: "slug", current: "hello-world" }, title: "Hello world",
});
const headers = {
  "content-type": "application/json",
  "idempotency-key": "msg-2YbN4KcQ8rVt6wXz",
  "sanity-dataset": "production",
  "sanity-document-id": "post-3f2a1c",
  "sanity-operation": "update",
  "sanity-project-id": "a1b2c3d4",
  "sanity-transaction-id": "Xq1fVbI0Q8wM3nP7kL2s9d",
  "sanity-transaction-time": "2025-12-31T23:59:58.341Z",
  "sanity-webhook-id": "wh-7hN2kQ9xL4",
  "user-agent": "Sanity.io webhook delivery",
};
const sign = async (b, secret, t = MS) => ({ "sanity-webhook-signature": await encodeSignatureHeader(b, t, secret) });
const good = { ...headers, ...(await sign(body, SECRET)) };
const goodSig = good["sanity-webhook-signature"].split("v1=")[1];
const event = {
  provider: "sanity",
  id: "msg-2YbN4KcQ8rVt6wXz",
  type: "document.updated",
  sourceType: "update",
  occurredAt: "2025-12-31T23:59:58Z",
  subject: { type: "post", id: "post-3f2a1c", reference: null },
  test: false,
};
const standardBase64 = `${goodSig.replace(/-/g, "+").replace(/_/g, "/")}=`;
const without = (h, name) => Object.fromEntries(Object.entries(h).filter(([key]) => key !== name));
const either = (x) => ({ ok: false, code: x, codes: ["malformed_signature", "signature_mismatch"] });

const v = (name, h, b, options, expect) => vector("sanity", name, h, b, options, expect);
const withMethod = (x, method) => Object.assign(x, { request: { ...x.request, method } });
const vectors = [
  v("valid signature", good, body, { secret: SECRET }, ok(event)),
  v("second of two rotated secrets", good, body, { secret: ["old-secret", SECRET] }, ok(event)),
  v("one byte changed", good, tamper(body), { secret: SECRET }, fail("signature_mismatch")),
  v("wrong secret", { ...headers, ...(await sign(body, "wrong-secret")) }, body, { secret: SECRET }, fail("signature_mismatch")),
  v("no signature header", headers, body, { secret: SECRET }, fail("missing_signature")),
  v("malformed signature header", { ...headers, "sanity-webhook-signature": `v1=${goodSig}` }, body, { secret: SECRET },
    fail("malformed_signature")),
  v("no secret configured", good, body, { secret: null }, fail("missing_secret")),
  unjudged(v("signed 301 s before now", { ...headers, ...(await sign(body, SECRET, MS - 301_000)) }, body, { secret: SECRET },
    fail("timestamp_out_of_tolerance"))),
  unjudged(v("signed 301 s after now", { ...headers, ...(await sign(body, SECRET, MS + 301_000)) }, body, { secret: SECRET },
    fail("timestamp_out_of_tolerance"))),
  v("the timestamp changed after signing", { ...headers, "sanity-webhook-signature": `t=${MS + 1},v1=${goodSig}` }, body,
    { secret: SECRET }, fail("signature_mismatch")),
  // Milliseconds are required: a t in seconds signs correctly but reads as January 1970.
  v("a timestamp in seconds, signed as sent", { ...headers, "sanity-webhook-signature": await signSeconds() }, body, { secret: SECRET },
    fail("timestamp_out_of_tolerance")),
  // The toolkit's pattern allows a space before v1= but then compares the whole header with `t=…,v1=…`;
  // hookgate reads pairs with spaces around them as it does for every `pairs` header (the same signature).
  unjudged(v("a space after the comma", { ...headers, "sanity-webhook-signature": `t=${MS}, v1=${goodSig}` }, body, { secret: SECRET },
    ok({ id: event.id }))),
  v("the signature in standard base64 with padding", { ...headers, "sanity-webhook-signature": `t=${MS},v1=${standardBase64}` }, body,
    { secret: SECRET }, either("malformed_signature")),
  // Sanity can deliver with PUT, PATCH, DELETE or GET; the method is not signed.
  withMethod(v("delivered with PUT", good, body, { secret: SECRET }, ok({ id: event.id, type: "document.updated" })), "PUT"),
  v("no idempotency-key header", without(good, "idempotency-key"), body, { secret: SECRET },
    ok({ id: `sha256:${createHash("sha256").update(`${MS}.${body}`).digest("hex")}` })),
  // The operation travels in an unsigned header.
  v("a delete operation", { ...good, "sanity-operation": "delete" }, body, { secret: SECRET },
    ok({ type: "document.deleted", sourceType: "delete" })),
];

async function signSeconds() {
  // The toolkit refuses to sign a t before 2021 in milliseconds, so this one is signed by node:crypto.
  const { createHmac } = await import("node:crypto");
  const sig = createHmac("sha256", SECRET).update(`${NOW}.${body}`).digest("base64url");
  return `t=${NOW},v1=${sig}`;
}

for (const each of vectors) {
  if (each[UNJUDGED] || each.options.secret == null) continue;
  let verdict = false;
  for (const secret of [].concat(each.options.secret)) {
    const signature = each.request.headers["sanity-webhook-signature"];
    if (await isValidSignature(each.request.body, signature, secret)) verdict = true; // a missing header is a format error: false
  }
  if (verdict !== each.expect.ok) throw new Error(`${CHECKED_BY} says ${verdict} for "${each.name}", expected ${each.expect.ok}`);
  each.checkedBy = CHECKED_BY;
}
write("sanity", vectors, sample(body, headers),
  `${VERSION} (encodeSignatureHeader; node:crypto for the seconds timestamp the toolkit refuses); judged by isValidSignature`);
