// Zoom vectors: `x-zm-signature: v0=<hex HMAC-SHA256 of "v0:{x-zm-request-timestamp}:{body}">`, keyed with the
// app's Secret Token as UTF-8. Zoom's own library (@zoom/rivet) verifies but cannot sign, so node:crypto signs and
// every signature verdict is judged by @zoom/rivet's receiver (AwsLambdaReceiver: 200 accepted, 400 refused) before
// writing; the URL-validation answer is checked against the one Rivet computes.
// Rerun: (cd /work/scratch/sdk-b && npm install @zoom/rivet@0.4.0) && node tests/vectors/zoom.vectors.mjs
// (set HOOKGATE_SDK_DIR to another folder holding node_modules/@zoom/rivet).
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { digestId, fail, hmac, NOW, ok, sample, signatureCases, vector, write } from "./vectorlib.mjs";

const SDK = process.env.HOOKGATE_SDK_DIR ?? "/work/scratch/sdk-b";
const RIVET = "@zoom/rivet@0.4.0 AwsLambdaReceiver (CommonHttpRequest.isEventVerified)";
const { AwsLambdaReceiver } = await import(`${SDK}/node_modules/@zoom/rivet/meetings/meetings.mjs`);
const rivetVersion = JSON.parse(readFileSync(`${SDK}/node_modules/@zoom/rivet/package.json`, "utf8")).version;
assert.equal(rivetVersion, "0.4.0", "the vectors were judged by @zoom/rivet 0.4.0");

const SECRET = "zm_secret_token_4f1c9a7e2b6d0e8f"; // made up
// Zoom's documented meeting.started delivery (zoom/webhook-sample README), placeholders filled in, compacted as sent.
const body = readFileSync(new URL("./documented/zoom.json", import.meta.url), "utf8").trim();
const signed = (b, ts) => `v0:${ts}:${b}`;
const sign = (b, secret, ts = NOW) => ({ "x-zm-request-timestamp": String(ts), "x-zm-signature": `v0=${hmac("sha256", secret, signed(b, ts), "hex")}` });
const unsigned = { "content-type": "application/json; charset=utf-8", "x-zm-trackingid": "v=2.0;clid=us06;rid=WEB_3f6d1c2a9b" };

const event = {
  provider: "zoom",
  id: digestId(signed(body, NOW)),
  type: "meeting.started",
  sourceType: "meeting.started",
  occurredAt: "2021-11-02T20:43:19.302Z",
  subject: { type: "meeting", id: "85746065432", reference: null },
  status: { previous: null, current: null },
  test: false,
};

// The URL-validation handshake: verified like any event, then answered with {plainToken, encryptedToken}.
const plainToken = "qgg8vlvZRS6UYooatFL8Aw";
const validation = JSON.stringify({ payload: { plainToken }, event_ts: NOW * 1000, event: "endpoint.url_validation" });
const answer = { plainToken, encryptedToken: createHmac("sha256", SECRET).update(plainToken).digest("hex") };

const vectors = [
  ...signatureCases("zoom", { sign: (b, s) => sign(b, s), body, secret: SECRET, event, extra: unsigned, malformed: "v0=not-hex", header: "x-zm-signature" }),
  vector("zoom", "the endpoint.url_validation handshake", sign(validation, SECRET), validation, { secret: SECRET },
    ok({ provider: "zoom", id: digestId(signed(validation, NOW)), type: "endpoint.url_validation", sourceType: "endpoint.url_validation", occurredAt: "2026-01-01T00:00:00Z" })),
  vector("zoom", "a url_validation signed with another secret", sign(validation, "wrong-secret"), validation, { secret: SECRET }, fail("signature_mismatch")),
  vector("zoom", "signature without the v0= prefix", { ...unsigned, ...sign(body, SECRET), "x-zm-signature": sign(body, SECRET)["x-zm-signature"].slice(3) }, body,
    { secret: SECRET }, fail("malformed_signature")),
  vector("zoom", "no timestamp header", { ...unsigned, "x-zm-signature": sign(body, SECRET)["x-zm-signature"] }, body, { secret: SECRET }, fail("missing_signature")),
  vector("zoom", "a timestamp in milliseconds", { ...unsigned, ...sign(body, SECRET, NOW * 1000) }, body, { secret: SECRET },
    fail("timestamp_out_of_tolerance")),
  vector("zoom", "signed 301 seconds before now", { ...unsigned, ...sign(body, SECRET, NOW - 301) }, body, { secret: SECRET }, fail("timestamp_out_of_tolerance")),
  vector("zoom", "signed ten minutes after now", { ...unsigned, ...sign(body, SECRET, NOW + 600) }, body, { secret: SECRET }, fail("timestamp_out_of_tolerance")),
  vector("zoom", "the timestamp changed after signing", { ...unsigned, ...sign(body, SECRET), "x-zm-request-timestamp": String(NOW - 1) }, body, { secret: SECRET },
    fail("signature_mismatch")),
];
vectors.find((v) => v.name === "the endpoint.url_validation handshake").handshake = { status: 200, body: answer };
for (const v of vectors.filter((v) => v.name === "a timestamp in milliseconds")) {
  v.note = "the signature is valid over the millisecond value: Zoom's timestamp is seconds, so this reads as far in the future";
}

// Zoom's receiver: the signature check only (Rivet applies no time window, so stale and future vectors are not
// judged; nor are missing-secret ones). A millisecond timestamp is a valid signature to Rivet: not judged either.
async function rivet(request, secret) {
  const handler = new AwsLambdaReceiver({ webhooksSecretToken: secret });
  handler.init({ eventEmitter: { emit: async () => {} } });
  const response = await handler.start()({ body: request.body, headers: request.headers, isBase64Encoded: false }, {});
  return { ok: response.statusCode === 200, body: JSON.parse(response.body) };
}
const quiet = console.debug;
console.debug = () => {};
for (const v of vectors) {
  const { secret } = v.options;
  if (secret === null || v.expect.code === "timestamp_out_of_tolerance") continue;
  const verdicts = await Promise.all([secret].flat().map((s) => rivet(v.request, s)));
  assert.equal(verdicts.some((r) => r.ok), v.expect.ok, `@zoom/rivet disagrees on "${v.name}"`);
  if (v.handshake) assert.deepEqual(verdicts.find((r) => r.ok).body, v.handshake.body, "Rivet's url_validation answer");
  v.checkedBy = RIVET;
}
console.debug = quiet;

write("zoom", vectors, sample(body, unsigned), "node:crypto (HMAC-SHA256, hex, v0:{t}:{body}); verdicts checked with @zoom/rivet@0.4.0");
