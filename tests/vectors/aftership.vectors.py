"""AfterShip vectors: Tracking (aftership-hmac-sha256), Returns (as-signature-hmac-sha256) and the
older Returns header (am-webhook-signature: hmac-sha256=<sig>), base64 HMAC-SHA256 of the raw body."""
from vectorlib import sample, b64, body_signature_cases, compact, fail, mac, ok, vector, write

SECRET = "aftership_secret_9d8c7b"


def sign(body, secret):
    return b64(mac(secret, body.encode()))


tracking = compact({
    "event_id": "3f645f5e-530b-4062-8695-db6a64420af8", "event": "tracking_update", "is_tracking_first_tag": True,
    "msg": {"id": "grhrexm6t3hiwkjwq37jd003", "tracking_number": "9361289676091361892011", "slug": "usps", "tag": "InTransit"},
    "ts": 1767225600,
})
tracking_event = dict(provider="aftership", id="3f645f5e-530b-4062-8695-db6a64420af8", type="tracking.updated",
                      sourceType="tracking_update", occurredAt="2026-01-01T00:00:00Z",
                      subject={"type": "tracking", "id": "grhrexm6t3hiwkjwq37jd003", "reference": "9361289676091361892011"},
                      status={"current": "InTransit"})
vectors = body_signature_cases("aftership", "aftership-hmac-sha256", sign, tracking, SECRET, tracking_event)

returns = compact({
    "id": "b7c6a5d4-1e2f-4a3b-9c8d-7e6f5a4b3c2d", "created_at": "2026-01-01T00:00:00Z", "event": "return.approved",
    "modified": {}, "data": {"id": "ret_8a5e", "rma_number": "RMA-1001", "status": "approved"},
})
returns_event = ok(id="b7c6a5d4-1e2f-4a3b-9c8d-7e6f5a4b3c2d", type="return.approved", sourceType="return.approved",
                   occurredAt="2026-01-01T00:00:00Z", subject={"type": "return", "id": "ret_8a5e", "reference": "RMA-1001"})
vectors += [
    vector("aftership", "returns signature header", {"as-signature-hmac-sha256": sign(returns, SECRET)}, returns, {"secret": SECRET}, returns_event),
    vector("aftership", "older returns header with its prefix", {"am-webhook-signature": "hmac-sha256=" + sign(returns, SECRET)},
           returns, {"secret": SECRET}, returns_event),
    vector("aftership", "older returns header without its prefix", {"am-webhook-signature": sign(returns, SECRET)},
           returns, {"secret": SECRET}, fail("malformed_signature")),
    vector("aftership", "returns body changed", {"as-signature-hmac-sha256": sign(returns, SECRET)},
           returns.replace("approved", "rejected"), {"secret": SECRET}, fail("signature_mismatch")),
]
write("aftership", vectors, sample(tracking))
