// Twilio vectors, signed by Twilio's own library (`twilio` getExpectedTwilioSignature): a form status
// callback (URL + sorted parameters) and a JSON body (URL with bodySHA256); each checked with its
// validateRequest / validateRequestWithBody before writing.
import assert from "node:assert/strict";
import twilio from "twilio";
import { createHash } from "node:crypto";
import { fail, ok, sample, vector, write } from "./vectorlib.mjs";

const TOKEN = "12345abcdef67890abcdef12345abcde";
const URL = "https://edge.example.com/webhooks/twilio?store=main";
const params = {
  AccountSid: "ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
  ApiVersion: "2010-04-01",
  From: "+15017122661",
  MessageSid: "SM1342fe1b2c904d1ab04f0fc7a58abca9",
  MessageStatus: "delivered",
  SmsSid: "SM1342fe1b2c904d1ab04f0fc7a58abca9",
  SmsStatus: "delivered",
  To: "+15558675310",
  Body: "Your return RMA-1001 was received & refunded",
};
const body = new URLSearchParams(params).toString();
/**
 * hookgate's id for a Twilio delivery: `sha256:` and the hex SHA-256 of what the signature covers, in
 * canonical form (the URL without its default port, then each parameter sorted by name, `name` + `value`;
 * for a JSON body the URL alone, which names the body's hash).
 */
const signedId = (url, p) =>
  `sha256:${createHash("sha256")
    .update(url + (p ? Object.keys(p).sort().map((name) => name + p[name]).join("") : ""))
    .digest("hex")}`;
const sign = (url, p, token = TOKEN) => ({ "X-Twilio-Signature": twilio.getExpectedTwilioSignature(token, url, p) });
const form = { "Content-Type": "application/x-www-form-urlencoded" };
const event = {
  provider: "twilio",
  id: signedId(URL, params),
  type: "message.delivered",
  sourceType: "delivered",
  subject: { type: "message", id: "SM1342fe1b2c904d1ab04f0fc7a58abca9", reference: null },
  status: { previous: null, current: "delivered" },
  data: params,
};
const json = JSON.stringify({ MessageSid: "SM9", MessageStatus: "sent" });
const jsonUrl = `${URL}&bodySHA256=${createHash("sha256").update(json).digest("hex")}`;
const good = { ...form, ...sign(URL, params) };
const v = (name, headers, b, options, expect, url = URL) => vector("twilio", name, headers, b, options, expect, url);

const vectors = [
  v("valid signature (a form)", good, body, { secret: TOKEN }, ok(event)),
  v("second of two rotated tokens", good, body, { secret: ["old-token", TOKEN] }, ok({ id: event.id })),
  v("the URL with its default port", good, body, { secret: TOKEN }, ok({ id: event.id }), URL.replace(".com/", ".com:443/")),
  v("one parameter changed", good, body.replace("delivered", "failed"), { secret: TOKEN }, fail("signature_mismatch")),
  v("wrong token", { ...form, ...sign(URL, params, "wrong-token") }, body, { secret: TOKEN }, fail("signature_mismatch")),
  v("a trailing slash on the path", good, body, { secret: TOKEN }, fail("signature_mismatch"), URL.replace("twilio?", "twilio/?")),
  v("http: for https:", good, body, { secret: TOKEN }, fail("signature_mismatch"), URL.replace("https:", "http:")),
  v("another query", good, body, { secret: TOKEN }, fail("signature_mismatch"), URL.replace("main", "outlet")),
  v("no URL to check it against", good, body, { secret: TOKEN }, fail("missing_url"), null),
  v("no signature header", form, body, { secret: TOKEN }, fail("missing_signature")),
  v("malformed signature header", { ...form, "X-Twilio-Signature": "%%%" }, body, { secret: TOKEN }, fail("malformed_signature")),
  v("no token configured", good, body, { secret: null }, fail("missing_secret")),
  v("a JSON body named by bodySHA256", sign(jsonUrl, null), json, { secret: TOKEN },
    ok({ type: "message.sent", id: signedId(jsonUrl, null), data: { MessageSid: "SM9", MessageStatus: "sent" } }), jsonUrl),
  v("a JSON body that is not the one bodySHA256 names", sign(jsonUrl, null), json.replace("sent", "failed"), { secret: TOKEN },
    fail("signature_mismatch"), jsonUrl),
  v("a name's last letter moved into its value: the same signature, the same id", good,
    body.replace("MessageStatus=delivered", "MessageStatu=sdelivered"), { secret: TOKEN }, ok({ id: event.id }), URL),
];
for (const { name, request, expect, options } of vectors.filter((each) => each.request.url && each.options.secret === TOKEN)) {
  const signature = request.headers["X-Twilio-Signature"] ?? "";
  const valid = request.url.includes("bodySHA256")
    ? twilio.validateRequestWithBody(TOKEN, signature, request.url, request.body)
    : twilio.validateRequest(TOKEN, signature, request.url, Object.fromEntries(new URLSearchParams(request.body)));
  if (expect.ok || ["signature_mismatch"].includes(expect.code)) assert.equal(valid, expect.ok, name);
  void options;
}
write("twilio", vectors, sample(body, form), "twilio (getExpectedTwilioSignature), checked with its validateRequest / validateRequestWithBody");
