// Linear vectors: `linear-signature` = lowercase hex HMAC-SHA256 of the raw body, keyed with the webhook's
// signing secret as given. The timestamp is the body's own `webhookTimestamp` (unix milliseconds), covered by
// the signature; the `linear-timestamp` header is ignored. Linear's SDK has no signing helper, so node:crypto
// signs; vectors are judged by its `new LinearWebhookClient(secret).verify(rawBody, signature)` (npm `@linear/sdk`)
// with the clock set to the vectors' `now`. That check allows 60 s either way; hookgate's window is its own
// 300 s policy, so a timestamp between 60 s and 300 s away is not judged.
//
// Rerun: install the SDK outside the repository, then run the generator from the repository root:
//   mkdir -p /work/scratch/sdk-a && cd /work/scratch/sdk-a && npm init -y && npm install @linear/sdk
//   HOOKGATE_SDK_DIR=/work/scratch/sdk-a node tests/vectors/linear.vectors.mjs
// Sources: @linear/sdk 98.0.0 dist/webhooks (verify: "timestamp ... Deprecated and ignored. Only webhookTimestamp in
// the signed body is trusted"); linear/linear@8335e09a packages/sdk/src/webhooks/client.ts and
// _generated_documents.graphql (EntityWebhookPayload: action, type, createdAt, data, url, updatedFrom, organizationId,
// webhookId, webhookTimestamp). The body is assembled from those fields; no verbatim documentation example was retrieved.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { digestId, fail, hmac, NOW, ok, sample, signatureCases, UNJUDGED, unjudged, vector, write } from "./vectorlib.mjs";

const SDK_DIR = process.env.HOOKGATE_SDK_DIR ?? "/work/scratch/sdk-a";
const sdk = createRequire(`${SDK_DIR}/package.json`);
const version = (name) => JSON.parse(readFileSync(`${SDK_DIR}/node_modules/${name}/package.json`, "utf8")).version;
const { LinearWebhookClient } = await import(pathToFileURL(sdk.resolve("@linear/sdk/webhooks")).href);
const CHECKED_BY = `@linear/sdk@${version("@linear/sdk")} LinearWebhookClient.verify`;

const SECRET = "lin_wh_8f3a1c5e7b9d2f4a6c8e0b1d3f5a7c9e";
const MS = NOW * 1000;
const payload = (webhookTimestamp, extra = {}) => JSON.stringify({
  action: "update",
  actor: { id: "aacdca22-6266-4c0a-ab3c-8fa70a26765c", name: "Ada Lovelace", type: "user" },
  createdAt: "2025-12-31T23:59:58.512Z",
  data: {
    id: "539068e2-ae88-4d09-bd75-22eb4a59612f", identifier: "ENG-123", number: 123, title: "Return label not generated",
    priority: 2, priorityLabel: "High", state: { id: "8b7c0d9e-1f2a-4b3c-8d4e-5f6a7b8c9d0e", name: "In Progress", type: "started" },
    team: { id: "f9e8d7c6-b5a4-4321-9876-543210fedcba", key: "ENG", name: "Engineering" },
    createdAt: "2025-12-30T08:00:00.000Z", updatedAt: "2025-12-31T23:59:58.512Z",
  },
  updatedFrom: { stateId: "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", updatedAt: "2025-12-31T20:00:00.000Z" },
  url: "https://linear.app/acme/issue/ENG-123/return-label-not-generated",
  type: "Issue",
  organizationId: "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
  webhookTimestamp,
  webhookId: "000042e3-d123-4980-b49f-8e140eef9329",
  ...extra,
});
const body = payload(MS - 488);
const headers = { "Content-Type": "application/json; charset=utf-8", "Linear-Event": "Issue", "Linear-Delivery": "9f1e2d3c-4b5a-4697-8877-665544332211" };
const sign = (b, secret) => ({ "linear-signature": hmac("sha256", secret, b, "hex") });
const good = { ...headers, ...sign(body, SECRET) };
const event = {
  provider: "linear",
  id: digestId(body),
  type: "issue.updated",
  sourceType: "Issue.update",
  occurredAt: "2025-12-31T23:59:58.512Z",
  subject: { type: "issue", id: "539068e2-ae88-4d09-bd75-22eb4a59612f", reference: "ENG-123" },
  status: { previous: null, current: "In Progress" },
  test: false,
};

const v = (name, h, b, options, expect) => vector("linear", name, h, b, options, expect);
const signedAt = (ms) => { const b = payload(ms); return [{ ...headers, ...sign(b, SECRET) }, b]; };
const noTimestamp = JSON.stringify({ ...JSON.parse(body), webhookTimestamp: undefined });
const comment = JSON.stringify({
  action: "create", createdAt: "2025-12-31T23:59:59.001Z",
  data: { id: "2174add1-f7c8-44e3-bbf3-2d60b5ea8bc9", body: "Label regenerated.", issueId: "539068e2-ae88-4d09-bd75-22eb4a59612f",
    createdAt: "2025-12-31T23:59:59.001Z", updatedAt: "2025-12-31T23:59:59.001Z" },
  url: "https://linear.app/acme/issue/ENG-123/return-label-not-generated#comment-2174add1", type: "Comment",
  organizationId: "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f", webhookTimestamp: MS - 100, webhookId: "000042e3-d123-4980-b49f-8e140eef9329",
});

const vectors = [
  ...signatureCases("linear", { sign, body, secret: SECRET, event, extra: headers, malformed: "sha256=not-hex", header: "linear-signature" }),
  v("webhookTimestamp 301 s before now", ...signedAt(MS - 301_000), { secret: SECRET }, fail("timestamp_out_of_tolerance")),
  v("webhookTimestamp 301 s after now", ...signedAt(MS + 301_000), { secret: SECRET }, fail("timestamp_out_of_tolerance")),
  // The timestamp is inside the signed body, so changing it is changing the body.
  v("webhookTimestamp changed after signing", good, body.replace(`"webhookTimestamp":${MS - 488}`, `"webhookTimestamp":${MS}`),
    { secret: SECRET }, fail("signature_mismatch")),
  unjudged(v("webhookTimestamp 120 s before now (inside hookgate's window, outside the SDK's 60 s)", ...signedAt(MS - 120_000),
    { secret: SECRET }, ok({ type: "issue.updated" }))),
  // The linear-timestamp header is not signed and is ignored.
  v("a linear-timestamp header that disagrees with the body", { ...good, "linear-timestamp": String(MS - 3_600_000) }, body,
    { secret: SECRET }, ok({ id: event.id })),
  v("no webhookTimestamp in the signed body", { ...headers, "linear-timestamp": String(MS), ...sign(noTimestamp, SECRET) }, noTimestamp,
    { secret: SECRET }, fail("missing_signature")),
  v("a comment created", { ...headers, "Linear-Event": "Comment", ...sign(comment, SECRET) }, comment, { secret: SECRET },
    ok({ id: digestId(comment), type: "comment.created", sourceType: "Comment.create", occurredAt: "2025-12-31T23:59:59.001Z",
      subject: { type: "comment", id: "2174add1-f7c8-44e3-bbf3-2d60b5ea8bc9" } })),
];

const realNow = Date.now;
Date.now = () => MS;
try {
  for (const each of vectors) {
    if (each[UNJUDGED] || each.options.secret == null) continue;
    const verdict = [].concat(each.options.secret).some((secret) => {
      try {
        return new LinearWebhookClient(secret).verify(Buffer.from(each.request.body), each.request.headers["linear-signature"] ?? "");
      } catch {
        return false; // it throws on a bad signature, a missing or stale webhookTimestamp
      }
    });
    if (verdict !== each.expect.ok) throw new Error(`${CHECKED_BY} says ${verdict} for "${each.name}", expected ${each.expect.ok}`);
    each.checkedBy = CHECKED_BY;
  }
} finally {
  Date.now = realNow;
}
write("linear", vectors, sample(body, headers), `node:crypto (HMAC-SHA256 of the body, hex); judged by ${CHECKED_BY} at now`);
