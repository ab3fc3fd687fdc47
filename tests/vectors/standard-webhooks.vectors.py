"""Standard Webhooks vectors beyond the shared set: the svix-* header names Svix-based senders use, payloads
of any shape (the spec recommends `type`, `timestamp` and `data` but requires none), and keys too short
to be keys."""
import base64

from vectorlib import NOW, sample, compact, fail, mac, ok, vector, write

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
KEY = base64.b64decode(SECRET[len("whsec_"):])
body = compact({"type": "user.created", "timestamp": "2026-01-01T00:00:00Z", "data": {"id": "user_29w83sxmDNGwOuEthce5gg56FcC"}})


def sign(msg_id, timestamp, payload, key=KEY):
    import hashlib, hmac
    return "v1," + base64.b64encode(hmac.new(key, f"{msg_id}.{timestamp}.{payload}".encode(), hashlib.sha256).digest()).decode()


def signed(payload, prefix="webhook", msg_id="msg_2Kx9", key=KEY):
    return {f"{prefix}-id": msg_id, f"{prefix}-timestamp": str(NOW), f"{prefix}-signature": sign(msg_id, NOW, payload, key)}


# Clerk (through Svix) sends `timestamp` as milliseconds since the epoch.
clerk = compact({"data": {"id": "user_2xA"}, "object": "event", "timestamp": 1784999995000, "type": "user.created"})


svix = {"svix-id": "msg_p5jXN8AQM9LWM0D4loKWxJek", "svix-timestamp": str(NOW), "svix-signature": sign("msg_p5jXN8AQM9LWM0D4loKWxJek", NOW, body)}
vectors = [
    vector("standard-webhooks", "svix header names", svix, body, {"secret": SECRET},
           ok(provider="standard-webhooks", id="msg_p5jXN8AQM9LWM0D4loKWxJek", type="user.created", sourceType="user.created",
              occurredAt="2026-01-01T00:00:00Z", subject={"id": "user_29w83sxmDNGwOuEthce5gg56FcC"})),
    vector("standard-webhooks", "svix header names, stale", {**svix, "svix-timestamp": str(NOW - 600),
           "svix-signature": sign("msg_p5jXN8AQM9LWM0D4loKWxJek", NOW - 600, body)}, body, {"secret": SECRET}, fail("timestamp_out_of_tolerance")),
    vector("standard-webhooks", "svix header names, body changed", svix, body.replace("user.created", "user.deleted"), {"secret": SECRET},
           fail("signature_mismatch")),
    vector("standard-webhooks", "empty v1 signature never verifies", {**svix, "svix-signature": "v1,"}, body, {"secret": SECRET},
           fail("malformed_signature")),
    vector("standard-webhooks", "second of two rotated secrets", svix, body, {"secret": ["whsec_b2xk", SECRET]}, ok(id="msg_p5jXN8AQM9LWM0D4loKWxJek")),
    vector("standard-webhooks", "an empty object verifies", signed("{}"), "{}", {"secret": SECRET},
           ok(id="msg_2Kx9", type="unknown", sourceType="unknown", occurredAt="2026-01-01T00:00:00Z", subject={"id": None}, data={})),
    vector("standard-webhooks", "a payload without type verifies as unknown, svix names", signed('{"data":{"id":"x1"}}', "svix"), '{"data":{"id":"x1"}}',
           {"secret": SECRET}, ok(type="unknown", subject={"id": "x1"})),
    vector("standard-webhooks", "a type that is a number is its text", signed('{"type":7}'), '{"type":7}', {"secret": SECRET}, ok(type="7")),
    vector("standard-webhooks", "a type that is an object is unknown", signed('{"type":{"a":1}}'), '{"type":{"a":1}}', {"secret": SECRET}, ok(type="unknown")),
    vector("standard-webhooks", "Clerk: timestamp in milliseconds", signed(clerk), clerk, {"secret": SECRET},
           ok(type="user.created", occurredAt="2026-07-25T17:19:55Z", subject={"id": "user_2xA"})),
    vector("standard-webhooks", "Clerk: timestamp in milliseconds, svix names", signed(clerk, "svix"), clerk, {"secret": SECRET},
           ok(type="user.created", occurredAt="2026-07-25T17:19:55Z")),
    vector("standard-webhooks", "timestamp in seconds", signed('{"timestamp":1784999995}'), '{"timestamp":1784999995}', {"secret": SECRET},
           ok(occurredAt="2026-07-25T17:19:55Z")),
    vector("standard-webhooks", "an unreadable timestamp falls back to webhook-timestamp", signed('{"timestamp":"soon"}'), '{"timestamp":"soon"}',
           {"secret": SECRET}, ok(occurredAt="2026-01-01T00:00:00Z")),
    vector("standard-webhooks", "a body that is not an object", signed("[1]"), "[1]", {"secret": SECRET}, fail("invalid_payload")),
    # `whsec_` alone decodes to an empty key, with which anyone can sign: it is no key at all.
    vector("standard-webhooks", "empty whsec_ key", signed(body, key=b""), body, {"secret": "whsec_"}, fail("missing_secret")),
    vector("standard-webhooks", "1-byte whsec_ key", signed(body, key=b"\0"), body, {"secret": "whsec_AA=="}, fail("missing_secret")),
    vector("standard-webhooks", "15-byte whsec_ key", signed(body, key=b"fifteen-byte-ke"), body, {"secret": "whsec_" + base64.b64encode(b"fifteen-byte-ke").decode()},
           fail("missing_secret")),
    vector("standard-webhooks", "16-byte whsec_ key", signed(body, key=b"sixteen-byte-key"), body, {"secret": "whsec_" + base64.b64encode(b"sixteen-byte-key").decode()},
           ok(type="user.created")),
]
doc = compact({"type": "return.created", "timestamp": "2026-01-01T00:00:00Z",
               "data": {"id": "ret_123", "order_id": "ord_456", "status": "requested", "items": [{"sku": "TS-M", "quantity": 1}]}})
write("standard-webhooks", vectors, sample(doc))
