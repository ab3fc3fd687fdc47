"""Vectors for the generic `hmac` provider, configured at run time."""
from vectorlib import sample, NOW, compact, fail, mac, ok, vector, write
import hashlib

SECRET = "generic_secret_7a6b"
BODY_SCHEME = {"header": "X-Signature", "algorithm": "sha256", "encoding": "hex", "prefix": "sha256=", "signed": "body"}
SHA1_SCHEME = {"header": "X-Hook-Signature", "algorithm": "sha1", "encoding": "hex", "prefix": "sha1=", "signed": "body"}
TIMED_SCHEME = {"header": "X-Sig", "algorithm": "sha512", "encoding": "base64", "signed": "t.body", "timestampHeader": "X-Timestamp"}

body = compact({"id": "evt_42", "type": "parcel.delivered", "parcel": {"id": "p_1"}})
hexsig = "sha256=" + mac(SECRET, body.encode()).hex()
import base64
timed = base64.b64encode(mac(SECRET, f"{NOW}.{body}".encode(), hashlib.sha512)).decode()

vectors = [
    vector("hmac", "body signed with a prefix", {"X-Signature": hexsig}, body, {"secret": SECRET, "hmac": BODY_SCHEME},
           ok(provider="hmac", id="evt_42", type="parcel.delivered", sourceType="parcel.delivered")),
    vector("hmac", "one byte changed", {"X-Signature": hexsig}, body.replace("42", "43"), {"secret": SECRET, "hmac": BODY_SCHEME},
           fail("signature_mismatch")),
    vector("hmac", "wrong secret", {"X-Signature": "sha256=" + mac("nope", body.encode()).hex()}, body,
           {"secret": SECRET, "hmac": BODY_SCHEME}, fail("signature_mismatch")),
    vector("hmac", "no signature header", {}, body, {"secret": SECRET, "hmac": BODY_SCHEME}, fail("missing_signature")),
    vector("hmac", "prefix missing", {"X-Signature": hexsig[7:]}, body, {"secret": SECRET, "hmac": BODY_SCHEME}, fail("malformed_signature")),
    vector("hmac", "second of two rotated secrets", {"X-Signature": hexsig}, body, {"secret": ["old", SECRET], "hmac": BODY_SCHEME},
           ok(id="evt_42")),
    vector("hmac", "timestamped SHA-512 base64 scheme", {"X-Sig": timed, "X-Timestamp": str(NOW)}, body,
           {"secret": SECRET, "hmac": TIMED_SCHEME}, ok(id="evt_42", occurredAt="2026-01-01T00:00:00Z")),
    vector("hmac", "timestamped scheme, stale", {"X-Sig": base64.b64encode(mac(SECRET, f"{NOW - 3600}.{body}".encode(), hashlib.sha512)).decode(),
           "X-Timestamp": str(NOW - 3600)}, body, {"secret": SECRET, "hmac": TIMED_SCHEME}, fail("timestamp_out_of_tolerance")),
    vector("hmac", "no scheme configured", {"X-Signature": hexsig}, body, {"secret": SECRET}, fail("missing_secret")),
    vector("hmac", "scheme without its algorithm", {"X-Signature": hexsig}, body,
           {"secret": SECRET, "hmac": {k: v for k, v in BODY_SCHEME.items() if k != "algorithm"}}, fail("missing_secret")),
    vector("hmac", "timestamped scheme without its timestamp header name", {"X-Sig": timed, "X-Timestamp": str(NOW)}, body,
           {"secret": SECRET, "hmac": {k: v for k, v in TIMED_SCHEME.items() if k != "timestampHeader"}}, fail("missing_secret")),
    vector("hmac", "no secret configured", {"X-Signature": hexsig}, body, {"secret": None, "hmac": BODY_SCHEME}, fail("missing_secret")),
    vector("hmac", "an HMAC-SHA1 sender", {"X-Hook-Signature": "sha1=" + mac(SECRET, body.encode(), hashlib.sha1).hex()}, body,
           {"secret": SECRET, "hmac": SHA1_SCHEME}, ok(provider="hmac", id="evt_42")),
    vector("hmac", "an HMAC-SHA1 sender, one byte changed", {"X-Hook-Signature": "sha1=" + mac(SECRET, body.encode(), hashlib.sha1).hex()},
           body.replace("42", "43"), {"secret": SECRET, "hmac": SHA1_SCHEME}, fail("signature_mismatch")),
]
write("hmac", vectors, sample(body, options={"hmac": BODY_SCHEME}))
