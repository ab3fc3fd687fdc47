// Mux vectors: `Mux-Signature: t=<unix s>,v1=<hex>` where v1 = lowercase hex HMAC-SHA256 of `t + "." + body`,
// keyed with the webhook's signing secret as given; several v1 entries may be present. Signed by Mux's own
// library (the `computeSignature` step of `webhooks.verifySignature`, npm `@mux/mux-node`) and judged by
// `webhooks.verifySignature` with the clock set to the vectors' `now`. That check rejects timestamps more than
// 300 s old but not future ones; hookgate's symmetric window is its own policy, so a future timestamp is not judged.
//
// Rerun: install the SDK outside the repository, then run the generator from the repository root:
//   mkdir -p /work/scratch/sdk-a && cd /work/scratch/sdk-a && npm init -y && npm install @mux/mux-node
//   HOOKGATE_SDK_DIR=/work/scratch/sdk-a node tests/vectors/mux.vectors.mjs
// Sources: muxinc/mux-node-sdk@89eff086 src/resources/webhooks/webhooks.ts; mux.com/docs/core/verify-webhook-signatures.
// The body is assembled from the SDK's `VideoAssetReadyWebhookEvent` type (id, type, created_at, object, environment,
// data, attempts, accessor, accessor_source, request_id); no verbatim documentation example was retrieved.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fail, NOW, ok, sample, tamper, UNJUDGED, unjudged, vector, write } from "./vectorlib.mjs";

const SDK_DIR = process.env.HOOKGATE_SDK_DIR ?? "/work/scratch/sdk-a";
const sdk = createRequire(`${SDK_DIR}/package.json`);
const version = (name) => JSON.parse(readFileSync(`${SDK_DIR}/node_modules/${name}/package.json`, "utf8")).version;
const muxModule = sdk("@mux/mux-node");
const Mux = muxModule.default ?? muxModule.Mux ?? muxModule;
const mux = new Mux({ tokenId: "unused-token-id", tokenSecret: "unused-token-secret" });
const VERSION = `@mux/mux-node@${version("@mux/mux-node")}`;
const CHECKED_BY = `${VERSION} webhooks.verifySignature`;

const SECRET = "mux-signing-secret-0d3f5a7c9e1b";
const body = JSON.stringify({
  type: "video.asset.ready",
  object: { type: "asset", id: "0201p02fGKPE7MrbC269XRD7LpcHhrmbu0002" },
  id: "3a56ac3d-33da-4366-855b-f592d898409d",
  environment: { name: "Production", id: "j0863n" },
  data: {
    status: "ready", playback_ids: [{ policy: "public", id: "uNbxnGLKJ00yfbijDO8COxTOyVKT01xpxW" }], mp4_support: "none",
    max_stored_resolution: "HD", max_stored_frame_rate: 29.97, master_access: "none", id: "0201p02fGKPE7MrbC269XRD7LpcHhrmbu0002",
    duration: 23.857167, created_at: 1767225541, aspect_ratio: "16:9",
  },
  created_at: "2025-12-31T23:59:58.000000Z",
  attempts: [],
  accessor_source: null,
  accessor: null,
  request_id: null,
});
const headers = { "Content-Type": "application/json" };
const event = {
  provider: "mux",
  id: "3a56ac3d-33da-4366-855b-f592d898409d",
  type: "video.asset.ready",
  sourceType: "video.asset.ready",
  occurredAt: "2025-12-31T23:59:58Z",
  subject: { type: "asset", id: "0201p02fGKPE7MrbC269XRD7LpcHhrmbu0002", reference: null },
  status: { previous: null, current: "ready" },
  test: false,
};

// computeSignature is the SDK's own (TypeScript-private) HMAC step; it is async (WebCrypto).
async function sig(b, secret, t = NOW) {
  return mux.webhooks.computeSignature(`${t}.${b}`, secret);
}
const good = { ...headers, "Mux-Signature": `t=${NOW},v1=${await sig(body, SECRET)}` };
const at = async (t, secret = SECRET) => ({ ...headers, "Mux-Signature": `t=${t},v1=${await sig(body, secret, t)}` });
const validSig = await sig(body, SECRET);
const oldSig = await sig(body, "old-secret");

const v = (name, h, b, options, expect) => vector("mux", name, h, b, options, expect);
const vectors = [
  v("valid signature", good, body, { secret: SECRET }, ok(event)),
  v("second of two rotated secrets", good, body, { secret: ["old-secret", SECRET] }, ok(event)),
  v("one byte changed", good, tamper(body), { secret: SECRET }, fail("signature_mismatch")),
  v("wrong secret", await at(NOW, "wrong-secret"), body, { secret: SECRET }, fail("signature_mismatch")),
  v("no signature header", headers, body, { secret: SECRET }, fail("missing_signature")),
  v("malformed signature header", { ...headers, "Mux-Signature": `v1=${validSig}` }, body, { secret: SECRET }, fail("malformed_signature")),
  v("no secret configured", good, body, { secret: null }, fail("missing_secret")),
  v("signed 301 s before now", await at(NOW - 301), body, { secret: SECRET }, fail("timestamp_out_of_tolerance")),
  v("the timestamp changed after signing", { ...headers, "Mux-Signature": `t=${NOW + 1},v1=${validSig}` }, body, { secret: SECRET },
    fail("signature_mismatch")),
  unjudged(v("signed 301 s after now", await at(NOW + 301), body, { secret: SECRET }, fail("timestamp_out_of_tolerance"))),
  v("two v1 signatures during a secret rotation, the second valid", { ...headers, "Mux-Signature": `t=${NOW},v1=${oldSig},v1=${validSig}` },
    body, { secret: SECRET }, ok({ id: event.id })),
  v("an unknown scheme beside v1 is ignored", { ...headers, "Mux-Signature": `t=${NOW},v0=${"0".repeat(64)},v1=${validSig}` }, body,
    { secret: SECRET }, ok({ id: event.id })),
  v("only an unknown scheme", { ...headers, "Mux-Signature": `t=${NOW},v0=${validSig}` }, body, { secret: SECRET }, fail("malformed_signature")),
  v("a timestamp that is not a number", { ...headers, "Mux-Signature": `t=soon,v1=${validSig}` }, body, { secret: SECRET },
    fail("malformed_signature")),
];

const realNow = Date.now;
Date.now = () => NOW * 1000;
try {
  for (const each of vectors) {
    if (each[UNJUDGED] || each.options.secret == null) continue;
    let verdict = false;
    for (const secret of [].concat(each.options.secret)) {
      try {
        await mux.webhooks.verifySignature(each.request.body, each.request.headers, secret);
        verdict = true;
      } catch {
        // rejected with this secret
      }
    }
    if (verdict !== each.expect.ok) throw new Error(`${CHECKED_BY} says ${verdict} for "${each.name}", expected ${each.expect.ok}`);
    each.checkedBy = CHECKED_BY;
  }
} finally {
  Date.now = realNow;
}
write("mux", vectors, sample(body, headers), `${VERSION} (webhooks.computeSignature, the SDK's own HMAC step); judged by webhooks.verifySignature at now`);
