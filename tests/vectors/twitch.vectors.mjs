// Twitch EventSub (webhook transport) vectors: `Twitch-Eventsub-Message-Signature: sha256=<hex>` where hex is
// lowercase HMAC-SHA256, keyed with the subscription's secret as given, of
// `Twitch-Eventsub-Message-Id + Twitch-Eventsub-Message-Timestamp + body` (no separators; the timestamp exactly as
// sent, RFC 3339 with up to nine fractional digits). Twitch publishes no verifier in a package, so nothing
// official judges these; node:crypto signs them the way Twitch's own CLI (twitch-cli `getSignatureHeader`) and its
// official sample (twitchdev/eventsub-webhooks-node-sample `verifySignature`) do.
//
// Rerun (no SDK needed): node tests/vectors/twitch.vectors.mjs
// Sources: twitchdev/twitch-cli@fd7dac6 internal/events/trigger/forward_event.go (+ _test.go) and
// internal/events/verify/subscription_verify.go (the challenge answer: the challenge as the body, text/plain, 2xx);
// twitchdev/eventsub-webhooks-node-sample@6c2a8f5 index.js; dev.twitch.tv/docs/eventsub/handling-webhook-events.
// The body is the documented channel.follow example (dev.twitch.tv/docs/eventsub/eventsub-subscription-types).
import { readFileSync } from "node:fs";
import { fail, hmac, NOW, ok, sample, tamper, vector, write } from "./vectorlib.mjs";

const SECRET = "twitch-subscription-secret-7c1e";
const body = JSON.stringify(JSON.parse(readFileSync(new URL("./documented/twitch.json", import.meta.url), "utf8")));
const ID = "befa7b53-d79d-478f-86b9-120f112b044e";
const TS = "2025-12-31T23:59:59.634234626Z";
const headers = {
  "Content-Type": "application/json",
  "Twitch-Eventsub-Message-Id": ID,
  "Twitch-Eventsub-Message-Retry": "0",
  "Twitch-Eventsub-Message-Type": "notification",
  "Twitch-Eventsub-Subscription-Type": "channel.follow",
  "Twitch-Eventsub-Subscription-Version": "2",
};
const signature = (b, secret, { id = ID, ts = TS } = {}) => `sha256=${hmac("sha256", secret, id + ts + b, "hex")}`;
const sign = (b, secret, { id = ID, ts = TS, h = headers } = {}) => ({
  ...h, "Twitch-Eventsub-Message-Id": id, "Twitch-Eventsub-Message-Timestamp": ts,
  "Twitch-Eventsub-Message-Signature": signature(b, secret, { id, ts }),
});
const good = sign(body, SECRET);
const event = {
  provider: "twitch",
  id: ID,
  type: "channel.follow",
  sourceType: "channel.follow",
  occurredAt: "2025-12-31T23:59:59.634Z",
  subject: { type: "broadcaster", id: "1337", reference: "cooler_user" },
  test: false,
};
const isoAt = (seconds) => new Date((NOW + seconds) * 1000).toISOString().replace("Z", "000000Z");
const challenge = JSON.stringify({
  challenge: "pogchamp-kappa-360noscope-vohiyo",
  subscription: { id: "f1c2a387-161a-49f9-a165-0f21d7a4e1c4", status: "webhook_callback_verification_pending", type: "channel.follow",
    version: "2", cost: 0, condition: { broadcaster_user_id: "12826", moderator_user_id: "12826" },
    transport: { method: "webhook", callback: "https://example.com/webhooks/callback" }, created_at: "2025-12-31T23:59:58.634234626Z" },
});
const revocation = JSON.stringify({
  subscription: { id: "f1c2a387-161a-49f9-a165-0f21d7a4e1c4", status: "authorization_revoked", type: "channel.follow", version: "2", cost: 0,
    condition: { broadcaster_user_id: "12826", moderator_user_id: "12826" },
    transport: { method: "webhook", callback: "https://example.com/webhooks/callback" }, created_at: "2019-11-16T10:11:12.634234626Z" },
});
const asType = (type) => ({ ...headers, "Twitch-Eventsub-Message-Type": type });
// twitch-cli signs `ts` parsed and re-formatted with Go's RFC3339Nano, which drops trailing zeros; Twitch's
// documentation and sample sign the header exactly as sent.
const TRAILING = "2025-12-31T23:59:59.100000000Z";
const without = (h, ...names) => Object.fromEntries(Object.entries(h).filter(([key]) => !names.includes(key)));

const v = (name, h, b, options, expect) => vector("twitch", name, h, b, options, expect);
const vectors = [
  v("valid signature", good, body, { secret: SECRET }, ok(event)),
  v("second of two rotated secrets", good, body, { secret: ["old-secret", SECRET] }, ok(event)),
  v("one byte changed", good, tamper(body), { secret: SECRET }, fail("signature_mismatch")),
  v("wrong secret", sign(body, "wrong-secret"), body, { secret: SECRET }, fail("signature_mismatch")),
  v("no signature header", without(good, "Twitch-Eventsub-Message-Signature"), body, { secret: SECRET }, fail("missing_signature")),
  v("malformed signature header", { ...good, "Twitch-Eventsub-Message-Signature": "sha256=zz" }, body, { secret: SECRET },
    fail("malformed_signature")),
  v("no secret configured", good, body, { secret: null }, fail("missing_secret")),
  v("sent 301 s before now", sign(body, SECRET, { ts: isoAt(-301) }), body, { secret: SECRET }, fail("timestamp_out_of_tolerance")),
  v("sent 301 s after now", sign(body, SECRET, { ts: isoAt(301) }), body, { secret: SECRET }, fail("timestamp_out_of_tolerance")),
  v("the timestamp changed after signing (one nanosecond)", { ...good, "Twitch-Eventsub-Message-Timestamp": "2025-12-31T23:59:59.634234627Z" },
    body, { secret: SECRET }, fail("signature_mismatch")),
  v("the message id changed after signing", { ...good, "Twitch-Eventsub-Message-Id": "befa7b53-d79d-478f-86b9-120f112b044f" }, body,
    { secret: SECRET }, fail("signature_mismatch")),
  v("the signature without its sha256= prefix", { ...good, "Twitch-Eventsub-Message-Signature": good["Twitch-Eventsub-Message-Signature"].slice(7) },
    body, { secret: SECRET }, fail("malformed_signature")),
  v("no message id header", without(good, "Twitch-Eventsub-Message-Id"), body, { secret: SECRET }, fail("missing_signature")),
  v("no timestamp header", without(good, "Twitch-Eventsub-Message-Timestamp"), body, { secret: SECRET }, fail("missing_signature")),
  v("a timestamp with trailing zeros, signed as sent", sign(body, SECRET, { ts: TRAILING }), body, { secret: SECRET },
    ok({ id: ID, occurredAt: "2025-12-31T23:59:59.100Z" })),
  v("signed over the re-formatted timestamp while the header keeps its zeros",
    { ...sign(body, SECRET, { ts: "2025-12-31T23:59:59.1Z" }), "Twitch-Eventsub-Message-Timestamp": TRAILING }, body, { secret: SECRET },
    fail("signature_mismatch")),
  v("a timestamp without fractional seconds", sign(body, SECRET, { ts: "2026-01-01T00:00:00Z" }), body, { secret: SECRET },
    ok({ id: ID, occurredAt: "2026-01-01T00:00:00Z" })),
  // The handshake: once it verifies, the answer is the challenge as text/plain with a 2xx.
  v("the callback verification handshake", sign(challenge, SECRET, { h: asType("webhook_callback_verification") }), challenge,
    { secret: SECRET }, ok({ id: ID, type: "webhook_callback_verification", sourceType: "webhook_callback_verification",
      subject: { type: "subscription", id: "f1c2a387-161a-49f9-a165-0f21d7a4e1c4" }, status: { previous: null, current: "webhook_callback_verification_pending" } })),
  v("the callback verification handshake, forged", sign(challenge, "wrong-secret", { h: asType("webhook_callback_verification") }), challenge,
    { secret: SECRET }, fail("signature_mismatch")),
  v("a revocation", sign(revocation, SECRET, { h: asType("revocation") }), revocation, { secret: SECRET },
    ok({ id: ID, type: "subscription.revoked", sourceType: "revocation",
      subject: { type: "subscription", id: "f1c2a387-161a-49f9-a165-0f21d7a4e1c4" }, status: { previous: null, current: "authorization_revoked" } })),
];
write("twitch", vectors, sample(body, headers),
  "node:crypto (HMAC-SHA256 of id + timestamp + body, hex after sha256=), as twitch-cli and Twitch's node sample sign; no official verifier");
