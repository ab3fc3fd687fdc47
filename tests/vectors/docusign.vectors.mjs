// DocuSign Connect vectors: `X-DocuSign-Signature-1` (and `-2`, … one header per active Connect HMAC key) = base64
// HMAC-SHA256 of the raw body, keyed with the Connect key as UTF-8. Signed AND judged by DocuSign's own code: the
// Connect example of docusign/code-examples-node@8b0ee71 (lib/connect/examples/validateWebhookMessage.js:
// computeHash signs, isHashValid verifies; DocuSign publishes no npm helper). A delivery is accepted when any
// signature header matches any configured key.
// Rerun: git show 8b0ee71cc6ebd73462eae40b88c7115ea419b94a:lib/connect/examples/validateWebhookMessage.js (from
// github.com/docusign/code-examples-node) > /work/scratch/sdk-b/docusign/validateWebhookMessage.cjs, then
// node tests/vectors/docusign.vectors.mjs (HOOKGATE_SDK_DIR overrides /work/scratch/sdk-b).
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { digestId, fail, NOW, ok, sample, signatureCases, vector, write } from "./vectorlib.mjs";

const SDK = process.env.HOOKGATE_SDK_DIR ?? "/work/scratch/sdk-b";
const { computeHash, isHashValid } = createRequire(import.meta.url)(`${SDK}/docusign/validateWebhookMessage.cjs`);
const JUDGE = "docusign/code-examples-node@8b0ee71 lib/connect/examples/validateWebhookMessage.js isHashValid";

const SECRET = "ds_connect_hmac_Zk3nQ9pL2xV7tR4mW8yB1cF6hJ0sD5gA="; // made up (DocuSign shows a base64-looking key; used as text)
// A JSON SIM (Connect 2.0) envelope-completed message, shaped as DocuSign's JSON SIM event model page describes
// (event, apiVersion, uri, retryCount, configurationId, generatedDateTime with 7 fractional digits, data); values made up.
const envelopeId = "93be49e8-6f2a-4d1b-9c6e-2f0d3f8a1b77";
const body = JSON.stringify({
  event: "envelope-completed",
  apiVersion: "v2.1",
  uri: `/restapi/v2.1/accounts/1a2b3c4d-5e6f-4a5b-9c8d-7e6f5a4b3c2d/envelopes/${envelopeId}`,
  retryCount: 0,
  configurationId: 10501234,
  generatedDateTime: "2025-12-31T23:59:41.3770000Z",
  data: {
    accountId: "1a2b3c4d-5e6f-4a5b-9c8d-7e6f5a4b3c2d",
    userId: "5e6f7a8b-1c2d-4e3f-8a9b-0c1d2e3f4a5b",
    envelopeId,
    envelopeSummary: { envelopeId, status: "completed", emailSubject: "Please sign: RMA-1001 return authorization",
      sentDateTime: "2025-12-31T23:40:02.0000000Z", completedDateTime: "2025-12-31T23:59:40.0930000Z" },
  },
});
const sig = (b, secret) => computeHash({ secret, payload: b });
const sign = (b, secret) => ({ "X-DocuSign-Signature-1": sig(b, secret) });
const unsigned = { "Content-Type": "application/json", "X-Authorization-Digest": "HMACSHA256" };
const event = {
  provider: "docusign",
  id: digestId(body),
  type: "envelope.completed",
  sourceType: "envelope-completed",
  occurredAt: "2025-12-31T23:59:41.377Z",
  subject: { type: "envelope", id: envelopeId, reference: null },
  status: { previous: null, current: "completed" },
  test: false,
};
const recipient = JSON.stringify({ event: "recipient-completed", apiVersion: "v2.1", uri: `/restapi/v2.1/accounts/1a2b3c4d-5e6f-4a5b-9c8d-7e6f5a4b3c2d/envelopes/${envelopeId}`,
  retryCount: 0, configurationId: 10501234, generatedDateTime: "2025-12-31T23:59:39.1000000Z",
  data: { accountId: "1a2b3c4d-5e6f-4a5b-9c8d-7e6f5a4b3c2d", envelopeId, recipientId: "1" } });

const vectors = [
  ...signatureCases("docusign", { sign, body, secret: SECRET, event, extra: unsigned, malformed: "not base64!", header: "X-DocuSign-Signature-1" }),
  vector("docusign", "two keys active: -1 signed with the old key, -2 with ours", { ...unsigned, "X-DocuSign-Signature-1": sig(body, "old-connect-key"),
    "X-DocuSign-Signature-2": sig(body, SECRET) }, body, { secret: SECRET }, ok({ id: event.id, type: "envelope.completed" })),
  vector("docusign", "only X-DocuSign-Signature-2", { ...unsigned, "X-DocuSign-Signature-2": sig(body, SECRET) }, body, { secret: SECRET },
    ok({ id: event.id })),
  vector("docusign", "two headers, neither matches", { ...unsigned, "X-DocuSign-Signature-1": sig(body, "key-a"), "X-DocuSign-Signature-2": sig(body, "key-b") },
    body, { secret: SECRET }, fail("signature_mismatch")),
  vector("docusign", "the signature in hex instead of base64", { ...unsigned, "X-DocuSign-Signature-1": Buffer.from(sig(body, SECRET), "base64").toString("hex") },
    body, { secret: SECRET }, { ok: false, code: "malformed_signature", codes: ["malformed_signature", "signature_mismatch"] }),
  vector("docusign", "a recipient event", { ...unsigned, ...sign(recipient, SECRET) }, recipient, { secret: SECRET },
    ok({ id: digestId(recipient), type: "recipient.completed", sourceType: "recipient-completed", occurredAt: "2025-12-31T23:59:39.100Z",
      subject: { type: "envelope", id: envelopeId } })),
];

// DocuSign's isHashValid throws on a signature of another length (timingSafeEqual): that is a refusal.
const valid = (verify, secret, payload) => { try { return isHashValid({ verify, secret, payload }); } catch { return false; } };
for (const v of vectors) {
  if (v.options.secret === null) continue;
  const signatures = Object.entries(v.request.headers).filter(([name]) => /^x-docusign-signature-\d+$/i.test(name)).map(([, value]) => value);
  const accepted = [v.options.secret].flat().some((s) => signatures.some((x) => valid(x, s, v.request.body)));
  assert.equal(accepted, v.expect.ok, `DocuSign's isHashValid disagrees on "${v.name}"`);
  v.checkedBy = JUDGE;
}

write("docusign", vectors, sample(body, unsigned), "docusign/code-examples-node@8b0ee71 computeHash (HMAC-SHA256, base64); verdicts checked with its isHashValid");
