// Mailgun vectors: the signature travels in the JSON body, `signature: {timestamp, token, signature}`, where
// signature = hex HMAC-SHA256(webhook signing key, timestamp + token) with no separator. THE BODY IS NOT SIGNED: only
// `timestamp` and `token` are, so the event id is the token and everything read from `event-data` is unauthenticated.
// node:crypto signs (no Mailgun SDK can sign); every verdict on a configured secret is judged by Mailgun's official
// Python SDK (PyPI `mailgun` 1.10.0, SecurityGuard.verify_webhook) run under faketime at NOW, with
// max_age_seconds=300 (hookgate's window; the SDK defaults to 900 s in 1.10.0, 300 s in 1.9.0).
// Rerun: python3 -m venv /work/scratch/sdk-b/venv && /work/scratch/sdk-b/venv/bin/pip install mailgun==1.10.0,
// apt-get install faketime, then node tests/vectors/mailgun.vectors.mjs (HOOKGATE_SDK_DIR overrides /work/scratch/sdk-b;
// the judge script is $HOOKGATE_SDK_DIR/judges/mailgun_judge.py).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fail, hmac, NOW, ok, sample, vector, write } from "./vectorlib.mjs";

const SDK = process.env.HOOKGATE_SDK_DIR ?? "/work/scratch/sdk-b";
const JUDGE = "mailgun@1.10.0 (PyPI) SecurityGuard.verify_webhook(max_age_seconds=300)";
const version = execFileSync(`${SDK}/venv/bin/python`, ["-c", "import importlib.metadata as m; print(m.version('mailgun'))"], { encoding: "utf8" }).trim();
assert.equal(version, "1.10.0", "the vectors were judged by mailgun 1.10.0");

const SECRET = "key-3f9a1c0e7b2d4a6f8e1c5b9d0a7e3f21"; // made up
const TOKEN = "e0b5477167110d68991efc6b9f89f0a11066af27834600e123"; // the docs' example token (50 characters)
// The documented "accepted" event-data (Mailgun's Webhook Payloads page), compacted as sent.
const eventData = JSON.parse(readFileSync(new URL("./documented/mailgun.json", import.meta.url), "utf8"));
const headers = { "Content-Type": "application/json" };
const sig = (secret, timestamp, token = TOKEN) => hmac("sha256", secret, `${timestamp}${token}`, "hex");
// The body as Mailgun sends it: the signature object first, then event-data.
const deliver = ({ secret = SECRET, timestamp = String(NOW), token = TOKEN, signature, data = eventData, drop } = {}) => {
  const s = { token, timestamp, signature: signature ?? sig(secret, timestamp, token) };
  if (drop) delete s[drop];
  return JSON.stringify({ signature: s, "event-data": data });
};
const body = deliver();
const event = {
  provider: "mailgun",
  id: TOKEN,
  type: "message.accepted",
  sourceType: "accepted",
  occurredAt: "2025-12-31T23:59:58Z",
  subject: { type: "message", id: "20260203192638.000be97f99f8cea1@sample.mailgun.com", reference: "recipient@sample.mailgun.com" },
  status: { previous: null, current: null },
  test: false,
};
const v = (name, b, options, expect) => vector("mailgun", name, headers, b, options, expect);
const changed = { ...eventData, event: "delivered", recipient: "attacker@example.com" };

const vectors = [
  v("valid signature", body, { secret: SECRET }, ok(event)),
  v("second of two rotated secrets", body, { secret: ["old-secret", SECRET] }, ok(event)),
  v("the signed token changed after signing", deliver({ signature: sig(SECRET, String(NOW)), token: `${TOKEN.slice(0, -1)}4` }), { secret: SECRET },
    fail("signature_mismatch")),
  v("the unsigned event-data changed: still verifies, same id", deliver({ data: changed }), { secret: SECRET },
    ok({ id: TOKEN, type: "message.delivered", sourceType: "delivered", subject: { reference: "attacker@example.com" } })),
  v("wrong secret", deliver({ secret: "wrong-secret" }), { secret: SECRET }, fail("signature_mismatch")),
  v("no signature field", deliver({ drop: "signature" }), { secret: SECRET }, fail("missing_signature")),
  v("no signature object at all", JSON.stringify({ "event-data": eventData }), { secret: SECRET }, fail("missing_signature")),
  v("malformed signature", deliver({ signature: "not-hex" }), { secret: SECRET }, fail("malformed_signature")),
  v("no secret configured", body, { secret: null }, fail("missing_secret")),
  v("signed 301 seconds before now", deliver({ timestamp: String(NOW - 301) }), { secret: SECRET }, fail("timestamp_out_of_tolerance")),
  v("signed ten minutes after now", deliver({ timestamp: String(NOW + 600) }), { secret: SECRET }, fail("timestamp_out_of_tolerance")),
  v("the timestamp changed after signing", deliver({ timestamp: String(NOW - 1), signature: sig(SECRET, String(NOW)) }), { secret: SECRET },
    fail("signature_mismatch")),
  v("the timestamp as a JSON number", JSON.stringify({ signature: { token: TOKEN, timestamp: NOW, signature: sig(SECRET, String(NOW)) }, "event-data": eventData }),
    { secret: SECRET }, ok({ id: TOKEN, type: "message.accepted" })),
  v("a signature with a separator between timestamp and token", deliver({ signature: hmac("sha256", SECRET, `${NOW}.${TOKEN}`, "hex") }), { secret: SECRET },
    fail("signature_mismatch")),
];

// Judge every vector with a configured secret by Mailgun's SDK, with the clock at NOW.
const cases = [];
for (const vec of vectors) {
  if (vec.options.secret === null) continue;
  const s = JSON.parse(vec.request.body).signature ?? {};
  for (const secret of [vec.options.secret].flat()) {
    cases.push({ vec, secret, timestamp: s.timestamp ?? null, token: s.token ?? null, signature: s.signature ?? null });
  }
}
const verdicts = JSON.parse(execFileSync("faketime", [`@${NOW}`, `${SDK}/venv/bin/python`, `${SDK}/judges/mailgun_judge.py`],
  { input: JSON.stringify(cases.map(({ vec, ...c }) => c)), encoding: "utf8" }));
for (const vec of new Set(cases.map((c) => c.vec))) {
  const accepted = cases.some((c, i) => c.vec === vec && verdicts[i]);
  assert.equal(accepted, vec.expect.ok, `Mailgun's SDK disagrees on "${vec.name}"`);
  vec.checkedBy = JUDGE;
}

// The sample is unsigned, but carries the token Mailgun generates for each delivery: a signer adds the
// timestamp and the signature over them.
const unsignedToken = "0f33d3c5b2b0ac1f57c2c1b3d59ba3c1d1e3a3f2b0a7c4e5d6";
write("mailgun", vectors, sample(JSON.stringify({ signature: { token: unsignedToken }, "event-data": eventData }), headers),
  "node:crypto (HMAC-SHA256, hex, timestamp+token); verdicts checked with mailgun@1.10.0 SecurityGuard.verify_webhook");
