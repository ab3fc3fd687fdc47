// Slack vectors: `v0=<hex HMAC-SHA256 of "v0:ts:body">`, by node:crypto, each accepted or mismatched one
// checked with Slack's own verifier (`@slack/bolt` verifySlackRequest) at the same time before writing.
import assert from "node:assert/strict";
import { isValidSlackRequest } from "@slack/bolt";
import { digestId, fail, hmac, NOW, ok, sample, signatureCases, vector, write } from "./vectorlib.mjs";

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const body = JSON.stringify({
  token: "XXYYZZ",
  team_id: "T123ABC456",
  api_app_id: "A123ABC456",
  event: { type: "message", channel: "C123ABC456", user: "U123ABC456", text: "Return RMA-1001 received", ts: "1767225598.000200" },
  type: "event_callback",
  event_id: "Ev123ABC456",
  event_time: 1767225598,
});
const command =
  "token=gIkuvaNzQIHg97ATvDxqgjtO&team_id=T0001&channel_id=C2147483705&user_id=U2147483697&command=%2Freturn&text=RMA-1001&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1234%2F5678&trigger_id=13345224609.738474920.8088930838d88f008e0";
const sign = (b, secret, ts = NOW) => ({ "X-Slack-Request-Timestamp": String(ts), "X-Slack-Signature": `v0=${hmac("sha256", secret, `v0:${ts}:${b}`, "hex")}` });
const event = {
  provider: "slack",
  id: "Ev123ABC456",
  type: "message",
  sourceType: "message",
  occurredAt: "2025-12-31T23:59:58Z",
  subject: { type: "channel", id: "C123ABC456", reference: null },
};
const challenge = JSON.stringify({ token: "XXYYZZ", challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", type: "url_verification" });
const form = { "Content-Type": "application/x-www-form-urlencoded" };

const vectors = [
  ...signatureCases("slack", { sign: (b, s) => sign(b, s), body, secret: SECRET, event, malformed: "v1=abc", header: "X-Slack-Signature" }),
  vector("slack", "a slash command (a form)", { ...form, ...sign(command, SECRET) }, command, { secret: SECRET },
    ok({ id: "13345224609.738474920.8088930838d88f008e0", type: "command", sourceType: "/return", subject: { type: "channel", id: "C2147483705" } })),
  vector("slack", "a slash command changed after signing", { ...form, ...sign(command, SECRET) }, command.replace("RMA-1001", "RMA-1002"),
    { secret: SECRET }, fail("signature_mismatch")),
  vector("slack", "the URL verification handshake", sign(challenge, SECRET), challenge, { secret: SECRET },
    ok({ id: digestId(challenge), type: "url_verification" })),
  vector("slack", "signed ten minutes before now", sign(body, SECRET, NOW - 600), body, { secret: SECRET }, fail("timestamp_out_of_tolerance")),
  vector("slack", "signed ten minutes after now", sign(body, SECRET, NOW + 600), body, { secret: SECRET }, fail("timestamp_out_of_tolerance")),
];
for (const { name, request, expect } of vectors.filter((v) => v.options.secret === SECRET && (v.expect.ok || v.expect.code === "signature_mismatch"))) {
  const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), k.startsWith("X-Slack-Request") ? Number(v) : v]));
  assert.equal(isValidSlackRequest({ signingSecret: SECRET, body: request.body, headers, nowMilliseconds: NOW * 1000 }), expect.ok, name);
}
write("slack", vectors, sample(body), "node:crypto (HMAC-SHA256, hex), checked with @slack/bolt verifySlackRequest");
