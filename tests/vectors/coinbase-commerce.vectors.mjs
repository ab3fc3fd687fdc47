// Coinbase Commerce vectors: `X-CC-Webhook-Signature` = lowercase hex HMAC-SHA256 of the raw body (UTF-8),
// keyed with the endpoint's shared secret as given; no timestamp. Signed by Coinbase's own library
// (`Webhook.computeSignature`, npm `coinbase-commerce-node`) and judged by its `Webhook.verifyEventBody`
// (signature check plus the `event` object its example handler relies on).
//
// Rerun: install the SDK outside the repository, then run the generator from the repository root:
//   mkdir -p /work/scratch/sdk-a && cd /work/scratch/sdk-a && npm init -y && npm install coinbase-commerce-node
//   HOOKGATE_SDK_DIR=/work/scratch/sdk-a node tests/vectors/coinbase-commerce.vectors.mjs
// Sources: coinbase/coinbase-commerce-node@d46c596 lib/Webhook.js and test/testWebhook.spec.js;
// docs.cdp.coinbase.com/commerce/api-arcitecture/webhooks-security; the body is the documented payload
// (docs.cloud.coinbase.com/commerce/docs/webhooks-events), compacted.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fail, ok, sample, signatureCases, UNJUDGED, unjudged, vector, write } from "./vectorlib.mjs";

const SDK_DIR = process.env.HOOKGATE_SDK_DIR ?? "/work/scratch/sdk-a";
const sdk = createRequire(`${SDK_DIR}/package.json`);
const version = (name) => JSON.parse(readFileSync(`${SDK_DIR}/node_modules/${name}/package.json`, "utf8")).version;
const { Webhook } = sdk("coinbase-commerce-node");
const CHECKED_BY = `coinbase-commerce-node@${version("coinbase-commerce-node")} Webhook.verifyEventBody`;

// The library's own test fixture and signature, as a check that it is used as intended (not written out).
const fixture = '{"id":1,"scheduled_for":"2017-01-31T20:50:02Z","attempt_number":1,"event":{"id":"24934862-d980-46cb-9402-43c81b0cdba6","type":"charge:created","api_version":"2018-03-22","created_at":"2017-01-31T20:49:02Z","data":{"code":"66BEOV2A","name":"The Sovereign Individual","description":"Mastering the Transition to the Information Age","hosted_url":"https://commerce.coinbase.com/charges/66BEOV2A","created_at":"2017-01-31T20:49:02Z","expires_at":"2017-01-31T21:04:02Z","timeline":[{"time":"2017-01-31T20:49:02Z","status":"NEW"}],"metadata":{},"pricing_type":"no_price","payments":[],"addresses":{"bitcoin":"0000000000000000000000000000000000","ethereum":"0x0000000000000000000000000000000000000000","litecoin":"3000000000000000000000000000000000","bitcoincash":"bitcoincash:000000000000000000000000000000000000000000"}}}}';
if (Webhook.computeSignature(fixture, "30291a20-0bd1-4267-9b0f-e6e7b123c0bf") !== "8be7742c7d372f08a6a3224edadf18a22b65fa9e28f3f2de97376cdaa092590d") {
  throw new Error("coinbase-commerce-node no longer reproduces its own test signature");
}

const SECRET = "6f1d2c3b-4a59-4e7d-8c01-a2b3c4d5e6f7";
const body = JSON.stringify(JSON.parse(readFileSync(new URL("./documented/coinbase-commerce.json", import.meta.url), "utf8")));
const headers = { "Content-Type": "application/json" };
const sign = (b, secret) => ({ "X-CC-Webhook-Signature": Webhook.computeSignature(b, secret) });
const good = { ...headers, ...sign(body, SECRET) };
const event = {
  provider: "coinbase-commerce",
  id: "24934862-d980-46cb-9402-43c81b0cdba6",
  type: "charge.created",
  sourceType: "charge:created",
  occurredAt: "2017-01-31T20:49:02Z",
  subject: { type: "charge", id: "66BEOV2A", reference: "66BEOV2A" },
  test: false,
};
const confirmed = JSON.stringify({
  attempt_number: 1,
  event: {
    api_version: "2018-03-22", created_at: "2025-12-31T23:59:20Z",
    data: {
      id: "2aee9dd1-67b8-43ef-8dfe-977959850f27", code: "XA6G6ZFR",
      pricing: { local: { amount: "1.00", currency: "USD" }, settlement: { amount: "1", currency: "USDC" } },
      timeline: [{ time: "2025-12-31T23:55:51Z", status: "NEW" }, { time: "2025-12-31T23:59:20Z", status: "COMPLETED" }],
    },
    id: "0e1bd5d1-0b8b-4b3e-9d4f-3a6f3c2a4b5e", resource: "event", type: "charge:confirmed",
  },
  id: "a9c1f2e0-5b7d-4c3a-8e9f-0d1c2b3a4f5e",
  scheduled_for: "2025-12-31T23:59:21Z",
});
const noEvent = JSON.stringify({ id: 2, scheduled_for: "2025-12-31T23:59:21Z", attempt_number: 1 });

const v = (name, h, b, options, expect) => vector("coinbase-commerce", name, h, b, options, expect);
const vectors = [
  ...signatureCases("coinbase-commerce", { sign, body, secret: SECRET, event, extra: headers, malformed: "sha256=zz", header: "X-CC-Webhook-Signature" }),
  // Coinbase sends lowercase hex and its library compares the strings exactly; hookgate reads hex in either case.
  unjudged(v("signature in uppercase hex", { ...headers, "X-CC-Webhook-Signature": good["X-CC-Webhook-Signature"].toUpperCase() }, body,
    { secret: SECRET }, ok({ id: event.id }))),
  v("a charge:confirmed with a charge id (current payload shape)", { ...headers, ...sign(confirmed, SECRET) }, confirmed, { secret: SECRET },
    ok({
      id: "0e1bd5d1-0b8b-4b3e-9d4f-3a6f3c2a4b5e", type: "charge.confirmed", sourceType: "charge:confirmed", occurredAt: "2025-12-31T23:59:20Z",
      subject: { type: "charge", id: "2aee9dd1-67b8-43ef-8dfe-977959850f27", reference: "XA6G6ZFR" },
    })),
  // Signed correctly but carries no `event` object: there is no event to read.
  v("a signed delivery without an event object", { ...headers, ...sign(noEvent, SECRET) }, noEvent, { secret: SECRET }, fail("invalid_payload")),
];

for (const each of vectors) {
  if (each[UNJUDGED] || each.options.secret == null) continue;
  const verdict = [].concat(each.options.secret).some((secret) => {
    try {
      Webhook.verifyEventBody(each.request.body, each.request.headers["X-CC-Webhook-Signature"], secret);
      return true;
    } catch {
      return false;
    }
  });
  if (verdict !== each.expect.ok) throw new Error(`${CHECKED_BY} says ${verdict} for "${each.name}", expected ${each.expect.ok}`);
  each.checkedBy = CHECKED_BY;
}
write("coinbase-commerce", vectors, sample(body, headers),
  `coinbase-commerce-node@${version("coinbase-commerce-node")} (Webhook.computeSignature); judged by Webhook.verifyEventBody`);
