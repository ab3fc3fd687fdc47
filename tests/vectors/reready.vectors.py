"""ReReady vectors beyond the shared set, and the documented sample."""
import hashlib

from vectorlib import NOW, documented_payload, fail, mac, ok, sample, vector, write

SECRET = "ssk_live_9f8e7d6c5b4a"
body = documented_payload("reready")


def header(timestamp, payload=body, secret=SECRET):
    return f"t={timestamp},v={mac(secret, f'{timestamp}.{payload}'.encode(), hashlib.sha512).hex()}"


event = ok(provider="reready", id="e025d043-c41d-4167-8bd3-24cc66345696:pending_return_shipment", type="device_return.status_changed",
           sourceType="pending_return_shipment", occurredAt="2026-01-01T00:00:00Z", test=False)
vectors = [
    vector("reready", "documented payload", {"X-ReReady-Signature-512": header(NOW)}, body, {"secret": SECRET}, event),
    vector("reready", "spaces after the comma", {"X-ReReady-Signature-512": header(NOW).replace(",", ", ")}, body, {"secret": SECRET}, event),
    vector("reready", "upper-case hex", {"X-ReReady-Signature-512": header(NOW).upper().replace("T=", "t=").replace("V=", "v=")}, body,
           {"secret": SECRET}, event),
    vector("reready", "timestamp given twice", {"X-ReReady-Signature-512": f"t={NOW}," + header(NOW)}, body, {"secret": SECRET},
           fail("malformed_signature")),
    vector("reready", "negative timestamp", {"X-ReReady-Signature-512": header(-5)}, body, {"secret": SECRET}, fail("malformed_signature")),
    vector("reready", "400-digit timestamp", {"X-ReReady-Signature-512": header("9" * 400)}, body, {"secret": SECRET}, fail("malformed_signature")),
    vector("reready", "signature present but only a token configured", {"X-ReReady-Signature-512": header(NOW)}, body,
           {"token": "tok_abc123"}, fail("missing_signature")),
    vector("reready", "a failing signature does not fall back to the token", {"X-ReReady-Signature-512": header(NOW, secret="guess")}, body,
           {"secret": SECRET, "token": "tok_abc123"}, fail("signature_mismatch"), url="https://edge.example.com/webhooks/reready?token=tok_abc123"),
]
write("reready", vectors, sample(body))
