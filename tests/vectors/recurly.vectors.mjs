// Recurly (JSON webhooks) vectors: `recurly-signature: <unix ms>,<hex HMAC-SHA256 of "<unix ms>.<body>">[,<hex>…]`,
// keyed with the endpoint's secret as UTF-8; after a key regeneration Recurly sends two signatures for 24 h.
// The timestamp is MILLISECONDS. node:crypto signs (no Recurly client can sign); every verdict on a configured secret
// is judged by Recurly's official Ruby client, recurly/recurly-client-ruby@05fa008 (4.48.0) lib/recurly/webhooks.rb
// Recurly::Webhooks.verify_signature (±5 minutes), run under faketime at NOW.
// Rerun: git archive 05fa008d7df3cb82187e7c8c7b0330a8b8ea0b58 lib/recurly (github.com/recurly/recurly-client-ruby) into
// /work/scratch/sdk-b/recurly-client-ruby, apt-get install ruby faketime, then node tests/vectors/recurly.vectors.mjs
// (HOOKGATE_SDK_DIR overrides /work/scratch/sdk-b; the judge is judges/recurly_judge.rb).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { fail, hmac, NOW, ok, sample, signatureCases, vector, write } from "./vectorlib.mjs";

const SDK = process.env.HOOKGATE_SDK_DIR ?? "/work/scratch/sdk-b";
const JUDGE = "recurly/recurly-client-ruby@05fa008 (4.48.0) Recurly::Webhooks.verify_signature";

const SECRET = "8d2f6a1c9e3b7d5f0a4c8e2b6d1f9a3c7e5b0d4f8a2c6e1b9d3f7a5c0e4b8d2f"; // made up, shaped like the client tests' key
// The JSON webhook of Recurly's Go client test (recurly-client-go webhook_test.go), as sent.
const body = '{"id":"rjxwmwedwqug","object_type":"account","site_id":"qc326l1hl8k9","event_type":"created","event_time":"2022-09-13T21:18:40Z","account_code":"adfas23zzz14123"}';
const MS = NOW * 1000;
const sig = (b, secret, ts = MS) => hmac("sha256", secret, `${ts}.${b}`, "hex");
const sign = (b, secret, ts = MS) => ({ "recurly-signature": `${ts},${sig(b, secret, ts)}` });
const unsigned = { "Content-Type": "application/json" };
const event = {
  provider: "recurly",
  id: "rjxwmwedwqug",
  type: "account.created",
  sourceType: "created",
  occurredAt: "2022-09-13T21:18:40Z",
  subject: { type: "account", id: "adfas23zzz14123", reference: null },
  status: { previous: null, current: null },
  test: false,
};
const subscription = JSON.stringify({ id: "sdpk4vvz5x1u", object_type: "subscription", site_id: "qc326l1hl8k9", event_type: "canceled",
  event_time: "2025-12-31T23:59:30Z", account_code: "adfas23zzz14123", uuid: "62b7e5a1c4d84e2b9f0a3c6d7e8f9a0b" });

const vectors = [
  ...signatureCases("recurly", { sign, body, secret: SECRET, event, extra: unsigned, malformed: `${MS}`, header: "recurly-signature" }),
  vector("recurly", "two signatures after a key regeneration, the second ours", { ...unsigned, "recurly-signature": `${MS},${sig(body, "old-key")},${sig(body, SECRET)}` },
    body, { secret: SECRET }, ok({ id: "rjxwmwedwqug" })),
  vector("recurly", "two signatures, neither ours", { ...unsigned, "recurly-signature": `${MS},${sig(body, "key-a")},${sig(body, "key-b")}` },
    body, { secret: SECRET }, fail("signature_mismatch")),
  vector("recurly", "a timestamp in seconds (signed over seconds)", { ...unsigned, ...sign(body, SECRET, NOW) }, body, { secret: SECRET },
    fail("timestamp_out_of_tolerance")),
  vector("recurly", "a timestamp that is not a number", { ...unsigned, "recurly-signature": `t=${MS},${sig(body, SECRET)}` }, body, { secret: SECRET },
    fail("malformed_signature")),
  vector("recurly", "signed 301 seconds before now", { ...unsigned, ...sign(body, SECRET, MS - 301_000) }, body, { secret: SECRET },
    fail("timestamp_out_of_tolerance")),
  vector("recurly", "signed ten minutes after now", { ...unsigned, ...sign(body, SECRET, MS + 600_000) }, body, { secret: SECRET },
    fail("timestamp_out_of_tolerance")),
  vector("recurly", "the timestamp changed after signing", { ...unsigned, "recurly-signature": `${MS - 1},${sig(body, SECRET)}` }, body, { secret: SECRET },
    fail("signature_mismatch")),
  vector("recurly", "a subscription event", { ...unsigned, ...sign(subscription, SECRET) }, subscription, { secret: SECRET },
    ok({ id: "sdpk4vvz5x1u", type: "subscription.canceled", sourceType: "canceled", occurredAt: "2025-12-31T23:59:30Z",
      subject: { type: "subscription", id: "62b7e5a1c4d84e2b9f0a3c6d7e8f9a0b" } })),
];
vectors.find((v) => v.name === "malformed signature header").note = "a timestamp and no signature after it";

// Recurly's Ruby client at NOW: any configured secret accepted means accepted.
const cases = [];
for (const v of vectors.filter((v) => v.options.secret !== null)) {
  const header = Object.entries(v.request.headers).find(([n]) => n.toLowerCase() === "recurly-signature")?.[1];
  for (const secret of [v.options.secret].flat()) cases.push({ v, header: header ?? "", secret, body: v.request.body });
}
const verdicts = JSON.parse(execFileSync("faketime", [`@${NOW}`, "ruby", `${SDK}/judges/recurly_judge.rb`],
  { input: JSON.stringify(cases.map(({ v, ...c }) => c)), encoding: "utf8" }));
for (const v of new Set(cases.map((c) => c.v))) {
  assert.equal(cases.some((c, i) => c.v === v && verdicts[i]), v.expect.ok, `Recurly's Ruby client disagrees on "${v.name}"`);
  v.checkedBy = JUDGE;
}

write("recurly", vectors, sample(body, unsigned), "node:crypto (HMAC-SHA256, hex, <ms>.<body>); verdicts checked with recurly-client-ruby@05fa008 Recurly::Webhooks.verify_signature");
