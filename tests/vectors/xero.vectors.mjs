// Xero vectors: `x-xero-signature` = base64 HMAC-SHA256 of the raw body, keyed with the app's webhooks key (a
// base64-looking string used as text: Xero's receiver sample, XeroAPI/Xero-NetStandard-Webhooks-Receiver@bf2bd0d
// WebhooksController.VerifySignature, encodes key and payload as ASCII). No timestamp.
// Intent to receive: before activating a webhook Xero posts signed deliveries with `events: []`, some correctly
// signed and some not; the receiver must answer 200 to the first and 401 to the others (and to any delivery whose
// signature fails). The `handshake` member of those vectors records the expected status.
// Xero publishes no verifier package (xero-node / xero-python have none; the sample is C#), so node:crypto signs and
// no vector carries `checkedBy`.
// Rerun: node tests/vectors/xero.vectors.mjs
import { readFileSync } from "node:fs";
import { digestId, fail, hmac, ok, sample, signatureCases, vector, write } from "./vectorlib.mjs";

const SECRET = "Xq9vR2mK7pL4tW8yB3nF6hJ1sD5gA0cE2uI7oP4aS9dF3gH6jK1lZ8xC5vB2nM7qW4eR1tY6uI3oP0aS5dF8gA=="; // made up, shaped like Xero's key
// An event delivery with the members Xero's receiver sample models (DTO/Payload.cs, DTO/PayloadEvent.cs), compacted as
// sent (eventType written "Create"/"Update" as the sample's EnumMember values say); eventDateUtc has no offset,
// as Xero writes it. Values made up.
const body = JSON.stringify({
  events: [{
    resourceUrl: "https://api.xero.com/api.xro/2.0/Contacts/717f2bfc-c6d4-41fd-b238-3f2f0c0cf777",
    resourceId: "717f2bfc-c6d4-41fd-b238-3f2f0c0cf777",
    eventDateUtc: "2025-12-31T23:59:39.902",
    eventType: "Update",
    eventCategory: "CONTACT",
    tenantId: "c2cc9b6e-9458-4c7d-93cc-f02b81b0594f",
    tenantType: "ORGANISATION",
  }],
  lastEventSequence: 1,
  firstEventSequence: 1,
  entropy: "S0m3r4Nd0mt3xt",
});
const sign = (b, secret) => ({ "x-xero-signature": hmac("sha256", secret, b, "base64") });
const unsigned = { "Content-Type": "application/json; charset=utf-8" };
const event = {
  provider: "xero",
  id: digestId(body),
  type: "contact.updated",
  sourceType: "CONTACT.Update",
  occurredAt: "2025-12-31T23:59:39.902Z",
  subject: { type: "contact", id: "717f2bfc-c6d4-41fd-b238-3f2f0c0cf777", reference: null },
  status: { previous: null, current: null },
  test: false,
};
// The intent-to-receive body exactly as Xero's "Configuring your server" page shows it (documented/xero.json).
const itr = readFileSync(new URL("./documented/xero.json", import.meta.url), "utf8").trim();
const invoice = JSON.stringify({ events: [{ resourceUrl: "https://api.xero.com/api.xro/2.0/Invoices/0f2a9c1e-7b3d-4e5f-8a6b-9c0d1e2f3a4b",
  resourceId: "0f2a9c1e-7b3d-4e5f-8a6b-9c0d1e2f3a4b", eventDateUtc: "2025-12-31T23:59:12.440", eventType: "Create", eventCategory: "INVOICE",
  tenantId: "c2cc9b6e-9458-4c7d-93cc-f02b81b0594f", tenantType: "ORGANISATION" }], lastEventSequence: 2, firstEventSequence: 2, entropy: "QWERTYUIOPASDFGHJKLZ" });

const vectors = [
  ...signatureCases("xero", { sign, body, secret: SECRET, event, extra: unsigned, malformed: "%%%not-base64%%%", header: "x-xero-signature" }),
  vector("xero", "intent to receive, correctly signed (answer 200)", { ...unsigned, ...sign(itr, SECRET) }, itr, { secret: SECRET },
    ok({ id: digestId(itr), type: "intent_to_receive", sourceType: "intent_to_receive", occurredAt: null, subject: { type: null, id: null } })),
  vector("xero", "intent to receive, incorrectly signed (answer 401)", { ...unsigned, ...sign(itr, "not-the-webhooks-key") }, itr, { secret: SECRET },
    fail("signature_mismatch")),
  vector("xero", "an invoice created", { ...unsigned, ...sign(invoice, SECRET) }, invoice, { secret: SECRET },
    ok({ id: digestId(invoice), type: "invoice.created", sourceType: "INVOICE.Create", occurredAt: "2025-12-31T23:59:12.440Z",
      subject: { type: "invoice", id: "0f2a9c1e-7b3d-4e5f-8a6b-9c0d1e2f3a4b" } })),
  vector("xero", "the key base64-decoded is not the HMAC key", { ...unsigned, ...sign(body, Buffer.from(SECRET, "base64")) }, body, { secret: SECRET },
    fail("signature_mismatch")),
];
vectors.find((v) => v.name.startsWith("intent to receive, correctly")).handshake = { status: 200 };
vectors.find((v) => v.name.startsWith("intent to receive, incorrectly")).handshake = { status: 401 };

// The sample is an event: the intent to receive is a handshake, answered without being forwarded.
write("xero", vectors, sample(body, unsigned), "node:crypto (HMAC-SHA256, base64)");
