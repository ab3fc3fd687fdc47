// Calendly vectors: `Calendly-Webhook-Signature: t=<unix s>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, keyed with the
// webhook signing key as UTF-8 (Calendly's webhooks overview: 'Verify HMAC-SHA256(key, "<t>." + raw_body)').
// Calendly publishes no verifier or signing SDK, so node:crypto signs and no vector carries `checkedBy`.
// Rerun: node tests/vectors/calendly.vectors.mjs
import { digestId, fail, hmac, NOW, ok, sample, signatureCases, vector, write } from "./vectorlib.mjs";

const SECRET = "cal_whsk_b7e1c4a9f2d86e3a0c5b9d1f7e4a2c8b"; // made up
// An invitee.created delivery in the shape of Calendly's webhook payload reference (created_at, created_by, event,
// payload = the invitee resource), compacted as sent; values made up (the docs' placeholder URIs).
const body = JSON.stringify({
  created_at: "2025-12-31T23:59:52.000000Z",
  created_by: "https://api.calendly.com/users/AAAAAAAAAAAAAAAA",
  event: "invitee.created",
  payload: {
    cancel_url: "https://calendly.com/cancellations/AAAAAAAAAAAAAAAA",
    created_at: "2025-12-31T23:59:51.000000Z",
    email: "jane.doe@example.com",
    event: "https://api.calendly.com/scheduled_events/GBGBDCAADAEDCRZ2",
    name: "Jane Doe",
    rescheduled: false,
    reschedule_url: "https://calendly.com/reschedulings/AAAAAAAAAAAAAAAA",
    status: "active",
    timezone: "Europe/Amsterdam",
    updated_at: "2025-12-31T23:59:51.000000Z",
    uri: "https://api.calendly.com/scheduled_events/GBGBDCAADAEDCRZ2/invitees/AAAAAAAAAAAAAAAA",
  },
});
const sig = (b, secret, t = NOW) => hmac("sha256", secret, `${t}.${b}`, "hex");
const sign = (b, secret, t = NOW) => ({ "Calendly-Webhook-Signature": `t=${t},v1=${sig(b, secret, t)}` });
const unsigned = { "Content-Type": "application/json; charset=utf-8" };
const event = {
  provider: "calendly",
  id: digestId(`${NOW}.${body}`),
  type: "invitee.created",
  sourceType: "invitee.created",
  occurredAt: "2025-12-31T23:59:52Z",
  subject: { type: "invitee", id: "https://api.calendly.com/scheduled_events/GBGBDCAADAEDCRZ2/invitees/AAAAAAAAAAAAAAAA", reference: null },
  status: { previous: null, current: "active" },
  test: false,
};
const h = (value) => ({ ...unsigned, "Calendly-Webhook-Signature": value });

write("calendly", [
  ...signatureCases("calendly", { sign, body, secret: SECRET, event, extra: unsigned, malformed: `v1=${sig(body, SECRET)}`, header: "Calendly-Webhook-Signature" }),
  vector("calendly", "signed 301 seconds before now", { ...unsigned, ...sign(body, SECRET, NOW - 301) }, body, { secret: SECRET }, fail("timestamp_out_of_tolerance")),
  vector("calendly", "signed ten minutes after now", { ...unsigned, ...sign(body, SECRET, NOW + 600) }, body, { secret: SECRET }, fail("timestamp_out_of_tolerance")),
  vector("calendly", "the timestamp changed after signing", h(`t=${NOW - 1},v1=${sig(body, SECRET)}`), body, { secret: SECRET }, fail("signature_mismatch")),
  vector("calendly", "a signature over the body alone", h(`t=${NOW},v1=${hmac("sha256", SECRET, body, "hex")}`), body, { secret: SECRET }, fail("signature_mismatch")),
  vector("calendly", "v1 before t", h(`v1=${sig(body, SECRET)},t=${NOW}`), body, { secret: SECRET }, ok({ id: event.id })),
  vector("calendly", "a timestamp without v1", h(`t=${NOW}`), body, { secret: SECRET }, fail("malformed_signature")),
  vector("calendly", "a timestamp in milliseconds", { ...unsigned, ...sign(body, SECRET, NOW * 1000) }, body, { secret: SECRET },
    fail("timestamp_out_of_tolerance")),
], sample(body, unsigned), "node:crypto (HMAC-SHA256, hex, t.body)");
