// Asana vectors: `X-Hook-Signature` = hex HMAC-SHA256 of the raw body, keyed with the `X-Hook-Secret` value Asana
// sent in the webhook's handshake (the 64-hex-character text itself, as UTF-8: Asana's Python sample uses
// `stored_secret.encode()`). No timestamp. Asana publishes no verifier package (its samples in Asana/devrel-examples
// are Express/Flask apps), so node:crypto signs and no vector carries `checkedBy`.
// The handshake: Asana's first POST carries `X-Hook-Secret` and no signature; the receiver answers 200 (or 204)
// echoing the same `X-Hook-Secret` header. It cannot verify: the vector below pins that verify() reports
// `missing_signature` for it (the gateway answers it before verifying).
// Rerun: node tests/vectors/asana.vectors.mjs
import { digestId, fail, hmac, ok, sample, signatureCases, vector, write } from "./vectorlib.mjs";

// Made up, in the shape of the docs' example X-Hook-Secret (64 hex characters).
const SECRET = "7d4e1b9c0a2f8e3d6c5b4a39281706f5e4d3c2b1a0f9e8d7c6b5a49382716054";
// One task change, shaped as Asana's webhooks guide shows event deliveries ({"events": [...]}, compact); values made up.
const body = JSON.stringify({
  events: [{
    user: { gid: "1201234567890123", resource_type: "user" },
    created_at: "2025-12-31T23:59:50.123Z",
    action: "changed",
    resource: { gid: "1209876543210987", resource_type: "task", resource_subtype: "default_task" },
    parent: null,
    change: { field: "completed", action: "changed" },
  }],
});
const sign = (b, secret) => ({ "X-Hook-Signature": hmac("sha256", secret, b, "hex") });
const unsigned = { "Content-Type": "application/json; charset=UTF-8" };
const event = {
  provider: "asana",
  id: digestId(body),
  type: "task.changed",
  sourceType: "changed",
  occurredAt: "2025-12-31T23:59:50.123Z",
  subject: { type: "task", id: "1209876543210987", reference: null },
  status: { previous: null, current: null },
  test: false,
};
const heartbeat = JSON.stringify({ events: [] });
const added = JSON.stringify({ events: [{ user: { gid: "1201234567890123", resource_type: "user" }, created_at: "2025-12-31T23:58:02.004Z",
  action: "added", resource: { gid: "1209876543210999", resource_type: "story", resource_subtype: "comment_added" },
  parent: { gid: "1209876543210987", resource_type: "task", resource_subtype: "default_task" } }] });

const vectors = [
  ...signatureCases("asana", { sign, body, secret: SECRET, event, extra: unsigned, malformed: "sha256=not-hex", header: "X-Hook-Signature" }),
  vector("asana", "the handshake: X-Hook-Secret and no signature", { "X-Hook-Secret": SECRET }, "", { secret: SECRET }, fail("missing_signature")),
  vector("asana", "a heartbeat (no events)", { ...unsigned, ...sign(heartbeat, SECRET) }, heartbeat, { secret: SECRET },
    ok({ id: digestId(heartbeat), type: "heartbeat", sourceType: "heartbeat", subject: { type: null, id: null } })),
  vector("asana", "a story added to a task", { ...unsigned, ...sign(added, SECRET) }, added, { secret: SECRET },
    ok({ id: digestId(added), type: "story.added", sourceType: "added", occurredAt: "2025-12-31T23:58:02.004Z", subject: { type: "story", id: "1209876543210999" } })),
  vector("asana", "the signature in upper-case hex", { ...unsigned, "X-Hook-Signature": sign(body, SECRET)["X-Hook-Signature"].toUpperCase() }, body,
    { secret: SECRET }, ok({ id: event.id })),
  vector("asana", "the secret hex-decoded is not the key", { ...unsigned, ...sign(body, Buffer.from(SECRET, "hex")) }, body, { secret: SECRET },
    fail("signature_mismatch")),
];
vectors.find((v) => v.name.startsWith("the handshake")).handshake = { status: 200, headers: { "X-Hook-Secret": SECRET } };

write("asana", vectors, sample(body, unsigned), "node:crypto (HMAC-SHA256, hex)");
