// Zendesk vectors: base64 HMAC-SHA256 of the timestamp header's value followed by the body, keyed with the
// signing secret as a string, by node:crypto (the docs' Node example). Zendesk has no npm verifier.
import { digestId, fail, hmac, NOW, ok, sample, signatureCases, vector, write } from "./vectorlib.mjs";

// The documentation's example secret: base64-looking, used as a string.
const SECRET = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==";
const iso = (seconds) => new Date(seconds * 1000).toISOString().replace(".000Z", "Z");
const body = JSON.stringify({
  type: "zen:event-type:ticket.status_changed",
  account_id: 11325,
  id: "cbe4028c-7239-495d-b020-f22348516046",
  time: "2025-12-31T23:59:55Z",
  zendesk_event_version: "2022-11-06",
  subject: "zen:ticket:5158",
  detail: { id: "5158", status: "SOLVED", subject: "Return label missing" },
  event: { current: "SOLVED", previous: "OPEN" },
});
const sign = (b, secret, at = NOW) => ({
  "X-Zendesk-Webhook-Signature-Timestamp": iso(at),
  "X-Zendesk-Webhook-Signature": hmac("sha256", secret, iso(at) + b, "base64"),
});
const event = {
  provider: "zendesk",
  id: "cbe4028c-7239-495d-b020-f22348516046",
  type: "ticket.status_changed",
  sourceType: "zen:event-type:ticket.status_changed",
  occurredAt: "2025-12-31T23:59:55Z",
  subject: { type: "ticket", id: "5158", reference: null },
  status: { previous: "OPEN", current: "SOLVED" },
};
const trigger = JSON.stringify({ ticket_id: "5158", requester: "jane.doe@example.com" });

write(
  "zendesk",
  [
    ...signatureCases("zendesk", { sign: (b, s) => sign(b, s), body, secret: SECRET, event, malformed: "%%%", header: "X-Zendesk-Webhook-Signature" }),
    vector("zendesk", "signed an hour before now", sign(body, SECRET, NOW - 3600), body, { secret: SECRET }, fail("timestamp_out_of_tolerance")),
    vector("zendesk", "no timestamp header", { "X-Zendesk-Webhook-Signature": sign(body, SECRET)["X-Zendesk-Webhook-Signature"] }, body,
      { secret: SECRET }, fail("missing_signature")),
    vector("zendesk", "the secret base64-decoded is not the key", sign(body, Buffer.from(SECRET, "base64")), body, { secret: SECRET },
      fail("signature_mismatch")),
    vector("zendesk", "a trigger's own payload", sign(trigger, SECRET), trigger, { secret: SECRET },
      ok({ id: digestId("zendesk", trigger), type: "unknown" })),
  ],
  sample(body),
  "node:crypto (HMAC-SHA256, base64)",
);
