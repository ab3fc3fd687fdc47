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
/** The timestamp of `seconds` written in local time at `offset` (`+05:30`), as a sender in that zone would. */
function withOffset(seconds, offset) {
  const minutes = (offset[0] === "-" ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  return new Date((seconds + minutes * 60) * 1000).toISOString().replace(".000Z", offset);
}
const signAt = (b, secret, at, offset) => ({
  "X-Zendesk-Webhook-Signature-Timestamp": withOffset(at, offset),
  "X-Zendesk-Webhook-Signature": hmac("sha256", secret, withOffset(at, offset) + b, "base64"),
});
const unixSigned = (b, secret) => ({
  "X-Zendesk-Webhook-Signature-Timestamp": String(NOW),
  "X-Zendesk-Webhook-Signature": hmac("sha256", secret, String(NOW) + b, "base64"),
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
      ok({ id: digestId(trigger), type: "unknown" })),
    // The same instant written with an offset: 300 s before now is inside the tolerance, 301 s is not,
    // whichever way the offset has to be applied.
    ...[
      ["+05:30", 300, true],
      ["+05:30", 301, false],
      ["-09:45", 300, true],
      ["-09:45", 301, false],
      ["+23:59", -300, true],
      ["+23:59", -301, false],
    ].map(([offset, age, inside]) =>
      vector("zendesk", `signed ${age} s before now, written with the offset ${offset}`, signAt(body, SECRET, NOW - age, offset), body,
        { secret: SECRET }, inside ? ok({ id: event.id }) : fail("timestamp_out_of_tolerance")),
    ),
    vector("zendesk", "a unix timestamp where Zendesk writes RFC 3339", unixSigned(body, SECRET), body, { secret: SECRET },
      fail("malformed_signature")),
  ],
  sample(body),
  "node:crypto (HMAC-SHA256, base64)",
);
