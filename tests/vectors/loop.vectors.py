"""Loop Returns vectors: X-Loop-Signature, base64 HMAC-SHA256 of the body as Loop sends it (compact
JSON with `/` escaped as `\\/`)."""
from vectorlib import sample, b64, body_signature_cases, compact, fail, mac, ok, vector, write

SECRET = "loop_whsec_4f1c2b"


def loop_body(payload) -> str:
    return compact(payload).replace("/", "\\/")  # Loop escapes slashes, and signs what it sends


def sign(body, secret):
    return b64(mac(secret, body.encode()))


created = loop_body({
    "topic": "return", "trigger": "return.created", "shop_id": 1234, "id": "98765", "state": "open",
    "order_id": 4567, "order_name": "#1001", "created_at": "2026-01-01T00:00:00+00:00",
    "updated_at": "2026-01-01T00:00:00+00:00", "label_url": "https://labels.example.com/98765/label.pdf",
})
event = dict(provider="loop", type="return.created", sourceType="return.created", occurredAt="2026-01-01T00:00:00Z",
             subject={"type": "return", "id": "98765", "reference": "#1001"}, status={"current": "open"})
vectors = body_signature_cases("loop", "X-Loop-Signature", sign, created, SECRET, event)

legacy = loop_body({"topic": "return", "trigger": "closed", "id": 98765, "state": "closed", "updated_at": "2026-01-02T00:00:00+00:00"})
vectors.append(vector("loop", "legacy trigger without a topic prefix", {"X-Loop-Signature": sign(legacy, SECRET)}, legacy,
                      {"secret": SECRET}, ok(type="return.closed", sourceType="closed", subject={"id": "98765"}, status={"current": "closed"})))
unescaped = created.replace("\\/", "/")
vectors.append(vector("loop", "slashes unescaped after signing", {"X-Loop-Signature": sign(created, SECRET)}, unescaped,
                      {"secret": SECRET}, fail("signature_mismatch")))
label = loop_body({"topic": "label", "trigger": "label.updated", "return_id": 98765, "status": "in_transit"})
vectors.append(vector("loop", "label topic", {"X-Loop-Signature": sign(label, SECRET)}, label,
                      {"secret": SECRET}, ok(type="label.updated", subject={"type": "label", "id": "98765"})))
write("loop", vectors, sample(created))
