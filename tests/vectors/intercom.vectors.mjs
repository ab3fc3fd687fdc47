// Intercom vectors: `sha1=` + hex HMAC-SHA1 of the body, by node:crypto. Intercom has no npm verifier.
import { fail, hmac, ok, sample, signatureCases, vector, write } from "./vectorlib.mjs";

const SECRET = "intercom_client_secret_4c1";
const body = JSON.stringify({
  type: "notification_event",
  app_id: "abc123",
  id: "notif_ccd8a4d0-f965-11e3-a367-c779cae3e1b3",
  topic: "conversation.user.replied",
  created_at: 1767225590,
  delivery_attempts: 1,
  first_sent_at: 1767225590,
  data: { type: "notification_event_data", item: { type: "conversation", id: "147" } },
});
const sign = (b, secret) => ({ "X-Hub-Signature": `sha1=${hmac("sha1", secret, b, "hex")}` });
const event = {
  provider: "intercom",
  id: "notif_ccd8a4d0-f965-11e3-a367-c779cae3e1b3",
  type: "conversation.user.replied",
  sourceType: "conversation.user.replied",
  occurredAt: "2025-12-31T23:59:50Z",
  subject: { type: "conversation", id: "147", reference: null },
};

write(
  "intercom",
  [
    ...signatureCases("intercom", { sign, body, secret: SECRET, event, malformed: "sha256=abc", header: "X-Hub-Signature" }),
    vector("intercom", "a SHA-256 signature under the sha1= prefix", { "X-Hub-Signature": `sha1=${hmac("sha256", SECRET, body, "hex")}` }, body,
      { secret: SECRET }, fail("malformed_signature")),
  ],
  sample(body),
  "node:crypto (HMAC-SHA1, hex)",
);
