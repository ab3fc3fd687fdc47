// Mollie (next-gen webhooks) vectors: `X-Mollie-Signature: sha256=<hex HMAC-SHA256 of the raw body>`, keyed with the
// webhook's signing secret as UTF-8; the `sha256=` prefix is optional to Mollie's own validator. No timestamp.
// node:crypto signs (Mollie's validator has a static createSignature, but it is PHP: the same HMAC); every verdict on a
// configured secret is judged by the official PHP client, mollie/mollie-api-php@53e49e71 (3.12.0+12)
// src/Webhooks/SignatureValidator.php validatePayload, run with php-cli.
// Rerun: git archive 53e49e71dcf761ee8f1b06e3838d0e9904ea7d7f src (github.com/mollie/mollie-api-php) into
// /work/scratch/sdk-b/mollie-api-php, apt-get install php-cli php-psr-http-client, then
// node tests/vectors/mollie.vectors.mjs (HOOKGATE_SDK_DIR overrides /work/scratch/sdk-b; the judge is judges/mollie_judge.php).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { fail, hmac, ok, sample, signatureCases, vector, write } from "./vectorlib.mjs";

const SDK = process.env.HOOKGATE_SDK_DIR ?? "/work/scratch/sdk-b";
const JUDGE = "mollie/mollie-api-php@53e49e71 (3.12.0) SignatureValidator::validatePayload";

const SECRET = "whsec_mollie_7Tq2Lx9Vb4Nc8Rz1Kd6Hs3Jf5"; // made up
// The webhook event fixture of Mollie's PHP SDK (src/Fake/Responses/webhook-event.json), compacted as sent.
const body = JSON.stringify({
  resource: "event", id: "whe_gQMMaGqAVA", type: "payment-link.paid", entityId: "pl_4Y0eZitmBnQ5jsBYZIBw", createdAt: "2023-12-25T10:30:54+00:00",
  _embedded: { entity: { id: "pl_4Y0eZitmBnQ5jsBYZIBw", resource: "payment-link", status: "paid", amount: { value: "10.00", currency: "EUR" },
    description: "Test payment link", createdAt: "2023-12-25T09:30:54+00:00" } },
  _links: { self: { href: "https://api.mollie.com/v2/webhook-events/whe_gQMMaGqAVA", type: "application/hal+json" },
    documentation: { href: "https://docs.mollie.com/reference/v2/webhook-events-api/get-webhook-event", type: "text/html" } },
});
const hex = (b, secret) => hmac("sha256", secret, b, "hex");
const sign = (b, secret) => ({ "X-Mollie-Signature": `sha256=${hex(b, secret)}` });
const unsigned = { "Content-Type": "application/json" };
const event = {
  provider: "mollie",
  id: "whe_gQMMaGqAVA",
  type: "payment-link.paid",
  sourceType: "payment-link.paid",
  occurredAt: "2023-12-25T10:30:54Z",
  subject: { type: "payment-link", id: "pl_4Y0eZitmBnQ5jsBYZIBw", reference: null },
  status: { previous: null, current: "paid" },
  test: false,
};
// A "simple" payload (no _embedded entity), as subscribers that chose it receive.
const simple = JSON.stringify({ resource: "event", id: "whe_Qv3mAgPVnD", type: "payment-link.paid", entityId: "pl_4Y0eZitmBnQ5jsBYZIBw",
  createdAt: "2023-12-25T10:31:02+00:00", _links: { self: { href: "https://api.mollie.com/v2/webhook-events/whe_Qv3mAgPVnD", type: "application/hal+json" } } });
const classic = "id=tr_7UhSN1zuXS";

const vectors = [
  ...signatureCases("mollie", { sign, body, secret: SECRET, event, extra: unsigned, malformed: "sha256=not-hex", header: "X-Mollie-Signature" }),
  vector("mollie", "the signature without the optional sha256= prefix", { ...unsigned, "X-Mollie-Signature": hex(body, SECRET) }, body, { secret: SECRET },
    ok({ id: "whe_gQMMaGqAVA" })),
  vector("mollie", "a simple payload (no embedded entity)", { ...unsigned, ...sign(simple, SECRET) }, simple, { secret: SECRET },
    ok({ id: "whe_Qv3mAgPVnD", type: "payment-link.paid", occurredAt: "2023-12-25T10:31:02Z", subject: { type: "payment-link", id: "pl_4Y0eZitmBnQ5jsBYZIBw" },
      status: { current: null } })),
  vector("mollie", "a classic webhook (id=tr_… form, unsigned)", { "Content-Type": "application/x-www-form-urlencoded" }, classic, { secret: SECRET },
    fail("missing_signature")),
  vector("mollie", "sha1= instead of sha256=", { ...unsigned, "X-Mollie-Signature": `sha1=${hex(body, SECRET)}` }, body, { secret: SECRET },
    fail("malformed_signature")),
];

// Mollie's validator: true = valid; false = no signature (a legacy webhook); an exception = refused.
const cases = vectors.filter((v) => v.options.secret !== null).map((v) => ({
  secrets: [v.options.secret].flat(), payload: v.request.body,
  signatures: Object.entries(v.request.headers).filter(([n]) => n.toLowerCase() === "x-mollie-signature").map(([, s]) => s),
}));
const verdicts = JSON.parse(execFileSync("php", [`${SDK}/judges/mollie_judge.php`], { input: JSON.stringify(cases), encoding: "utf8" }));
vectors.filter((v) => v.options.secret !== null).forEach((v, i) => {
  assert.equal(verdicts[i], v.expect.ok, `Mollie's SignatureValidator disagrees on "${v.name}"`);
  v.checkedBy = JUDGE;
});

write("mollie", vectors, sample(body, unsigned), "node:crypto (HMAC-SHA256, hex, sha256= prefix); verdicts checked with mollie/mollie-api-php@53e49e71 SignatureValidator");
