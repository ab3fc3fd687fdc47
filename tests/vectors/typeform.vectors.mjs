// Typeform vectors: `Typeform-Signature: sha256=<base64 HMAC-SHA256 of the raw body>`, keyed with the webhook's
// `secret` as UTF-8 (Typeform's "Secure your webhooks" page: hash the entire payload, base64, prefix `sha256=`).
// No timestamp. Typeform publishes no verifier or signing SDK, so node:crypto signs and no vector carries `checkedBy`.
// Rerun: node tests/vectors/typeform.vectors.mjs
import { readFileSync } from "node:fs";
import { fail, hmac, ok, sample, signatureCases, vector, write } from "./vectorlib.mjs";

const SECRET = "3c9f1e7a5b2d8c4e6a0f9b1d7c3e5a8f2b4d6e0c"; // made up, shaped like the docs' `SecureRandom.hex(20)`
// Typeform's documented example payload (developers/webhooks/example-payload), trimmed to one field and one answer,
// compacted as sent.
const body = readFileSync(new URL("./documented/typeform.json", import.meta.url), "utf8").trim();
const b64 = (b, secret) => hmac("sha256", secret, b, "base64");
const sign = (b, secret) => ({ "Typeform-Signature": `sha256=${b64(b, secret)}` });
const unsigned = { "Content-Type": "application/json" };
const event = {
  provider: "typeform",
  id: "LtWXD3crgy",
  type: "form_response.submitted",
  sourceType: "form_response",
  occurredAt: "2018-01-18T18:17:02Z",
  subject: { type: "form_response", id: "a3a12ec67a1365927098a606107fac15", reference: "lT4Z3j" },
  status: { previous: null, current: null },
  test: false,
};
const partial = JSON.stringify({ event_id: "01KBYWTTXW2SXX86TBH2SGNCCS", event_type: "form_response_partial",
  form_response: { form_id: "lT4Z3j", token: "0f7b2c1e9d8a4b3c", landed_at: "2025-12-31T23:58:40Z", submitted_at: "2025-12-31T23:59:40Z",
    definition: { id: "lT4Z3j", title: "Webhooks example", fields: [] }, answers: [] } });
const h = (value) => ({ ...unsigned, "Typeform-Signature": value });

write("typeform", [
  ...signatureCases("typeform", { sign, body, secret: SECRET, event, extra: unsigned, malformed: "sha256=%%%not-base64%%%", header: "Typeform-Signature" }),
  vector("typeform", "the signature without the sha256= prefix", h(b64(body, SECRET)), body, { secret: SECRET }, fail("malformed_signature")),
  vector("typeform", "a hex signature instead of base64", h(`sha256=${hmac("sha256", SECRET, body, "hex")}`), body, { secret: SECRET },
    { ok: false, code: "malformed_signature", codes: ["malformed_signature", "signature_mismatch"] }),
  vector("typeform", "a partial response", { ...unsigned, ...sign(partial, SECRET) }, partial, { secret: SECRET },
    ok({ id: "01KBYWTTXW2SXX86TBH2SGNCCS", type: "form_response.partially_submitted", sourceType: "form_response_partial",
      occurredAt: "2025-12-31T23:59:40Z", subject: { type: "form_response", id: "0f7b2c1e9d8a4b3c", reference: "lT4Z3j" } })),
], sample(body, unsigned), "node:crypto (HMAC-SHA256, base64, sha256= prefix)");
