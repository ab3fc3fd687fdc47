// The providers' own SDKs against hookgate, both ways, at the real current time (Paddle's SDK allows 5 s,
// Slack's 5 min): what hookgate's signDelivery sends, each SDK's verifier accepts; what Twilio's
// signer sends, hookgate accepts. The vectors (tests/vectors/<provider>.json) were checked with the same
// SDKs when they were written; this keeps the two in step as either changes.

import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { test } from "node:test";
import EasyPost from "@easypost/api";
import { Paddle } from "@paddle/paddle-node-sdk";
import { isValidSlackRequest } from "@slack/bolt";
import { signDelivery, verify } from "hookgate";
import { WebhooksHelper } from "square";
import twilio from "twilio";

const now = () => Math.floor(Date.now() / 1000);
const lower = (headers) => Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));

test("Paddle's SDK accepts what hookgate signs, and refuses it tampered", async () => {
  const secret = "pdl_ntfset_01hv8x2r5z9k4b3n7m6c1d0e2f_sdk";
  const body = JSON.stringify({
    event_id: "evt_1",
    event_type: "transaction.completed",
    occurred_at: new Date().toISOString(),
    data: { id: "txn_1" },
  });
  const { headers } = signDelivery("paddle", { body }, { secret, timestamp: now() });
  // The SDK's Node runtime is set up by its client's constructor; no request is made.
  const { webhooks } = new Paddle("pdl_sdbx_apikey_unused");
  assert.equal(await webhooks.isSignatureValid(body, secret, headers["Paddle-Signature"]), true);
  assert.equal(await webhooks.isSignatureValid(body.replace("evt_1", "evt_2"), secret, headers["Paddle-Signature"]), false);
});

test("Slack's verifier accepts what hookgate signs, JSON and forms alike", () => {
  const secret = "slack-signing-secret-sdk";
  for (const body of [
    '{"type":"event_callback","event_id":"Ev1","event":{"type":"app_mention"}}',
    "command=%2Freturn&text=RMA-1&trigger_id=t1",
  ]) {
    const { headers } = signDelivery("slack", { body }, { secret, timestamp: now() });
    const given = lower(headers);
    given["x-slack-request-timestamp"] = Number(given["x-slack-request-timestamp"]);
    assert.equal(isValidSlackRequest({ signingSecret: secret, body, headers: given }), true, body);
    assert.equal(isValidSlackRequest({ signingSecret: "other", body, headers: given }), false);
  }
});

test("Square's SDK accepts what hookgate signs for the notification URL, and no other URL", async () => {
  const signatureKey = "sq0wss-sdk-signature-key";
  const notificationUrl = "https://hooks.example.com/webhooks/square?shop=1";
  const body = JSON.stringify({ merchant_id: "M1", type: "payment.updated", event_id: "e1", data: { type: "payment", id: "p1" } });
  const { headers } = signDelivery("square", { body, url: notificationUrl }, { secret: signatureKey });
  const signatureHeader = headers["x-square-hmacsha256-signature"];
  assert.equal(await WebhooksHelper.verifySignature({ requestBody: body, signatureHeader, signatureKey, notificationUrl }), true);
  assert.equal(
    await WebhooksHelper.verifySignature({ requestBody: body, signatureHeader, signatureKey, notificationUrl: `${notificationUrl}&x=1` }),
    false,
  );
});

test("EasyPost's SDK accepts what hookgate signs, integer weights included", () => {
  const secret = "easypost-sdk-secret";
  const body = JSON.stringify({
    object: "Event",
    id: "evt_1",
    description: "tracker.updated",
    result: { object: "Tracker", id: "trk_1", weight: 16 },
  });
  const { headers } = signDelivery("easypost", { body }, { secret });
  const client = new EasyPost("unused-api-key");
  assert.equal(client.Utils.validateWebhook(Buffer.from(body), headers, secret).id, "evt_1");
  assert.throws(() => client.Utils.validateWebhook(Buffer.from(body.replace("trk_1", "trk_2")), headers, secret));
});

test("Twilio's validator accepts what hookgate signs (forms and JSON), and hookgate accepts what Twilio's signer signs", () => {
  const token = "twilio-auth-token-for-sdk-tests";
  const url = "https://hooks.example.com/webhooks/twilio?store=main";
  const params = { MessageSid: "SM1", MessageStatus: "delivered", To: "+15558675310", Body: "café & more" };
  const form = new URLSearchParams(params).toString();
  const signed = signDelivery("twilio", { body: form, url }, { secret: token });
  assert.equal(twilio.validateRequest(token, signed.headers["X-Twilio-Signature"], url, params), true);

  const json = JSON.stringify({ MessageSid: "SM2", MessageStatus: "sent" });
  const signedJson = signDelivery("twilio", { body: json, url }, { secret: token });
  assert.match(signedJson.url, /&bodySHA256=[0-9a-f]{64}$/);
  assert.equal(twilio.validateRequestWithBody(token, signedJson.headers["X-Twilio-Signature"], signedJson.url, json), true);

  const fromTwilio = { "X-Twilio-Signature": twilio.getExpectedTwilioSignature(token, url, params) };
  const event = verify("twilio", { headers: fromTwilio, body: form, url }, { secret: token });
  assert.deepEqual([event.type, event.data.Body], ["message.delivered", "café & more"]);
});

test("EasyPost: a secret with accents verifies as its SDK verifies it (NFKD-normalized), in whichever form it is given", () => {
  const composed = "clé-secrète-ﬁ"; // é as one code point, and the "fi" ligature
  const body = JSON.stringify({ object: "Event", id: "evt_nfkd", description: "tracker.updated", result: { id: "trk_1" } });
  const client = new EasyPost("unused-api-key");
  // What EasyPost sends: the HMAC keyed with the NFKD form of the secret.
  const signature = `hmac-sha256-hex=${createHmac("sha256", composed.normalize("NFKD")).update(body).digest("hex")}`;
  const headers = { "X-Hmac-Signature": signature };
  assert.equal(client.Utils.validateWebhook(Buffer.from(body), headers, composed).id, "evt_nfkd");
  for (const secret of [composed, composed.normalize("NFC"), composed.normalize("NFKD")]) {
    assert.equal(verify("easypost", { headers, body }, { secret }).id, "evt_nfkd", secret);
  }
  const signed = signDelivery("easypost", { body }, { secret: composed });
  assert.equal(signed.headers["X-Hmac-Signature"], signature);
});
