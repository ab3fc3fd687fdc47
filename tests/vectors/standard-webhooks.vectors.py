"""Standard Webhooks vectors beyond the shared set: the svix-* header names Svix-based senders use."""
import base64

from vectorlib import NOW, sample, compact, fail, mac, ok, vector, write

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
KEY = base64.b64decode(SECRET[len("whsec_"):])
body = compact({"type": "user.created", "timestamp": "2026-01-01T00:00:00Z", "data": {"id": "user_29w83sxmDNGwOuEthce5gg56FcC"}})


def sign(msg_id, timestamp, payload):
    import hashlib, hmac
    return "v1," + base64.b64encode(hmac.new(KEY, f"{msg_id}.{timestamp}.{payload}".encode(), hashlib.sha256).digest()).decode()


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
]
doc = compact({"type": "return.created", "timestamp": "2026-01-01T00:00:00Z",
               "data": {"id": "ret_123", "order_id": "ord_456", "status": "requested", "items": [{"sku": "TS-M", "quantity": 1}]}})
write("standard-webhooks", vectors, sample(doc))
