"""Writes test vectors in the shared format (see shared/README.md): each vector has a
provider, a name, the request as received, the verifier's options and the expected outcome.

Signatures here come from Python's hmac/hashlib, an implementation independent of hookgate's. Each
provider's generator (<provider>.vectors.py) calls these helpers and writes <provider>.json beside it,
with the provider's documented sample delivery (unsigned) under "sample".
"""
import base64
import hashlib
import hmac
import json
from pathlib import Path

NOW = 1767225600  # 2026-01-01T00:00:00Z, the `now` every vector is checked at


def mac(secret: str, message: bytes, algorithm=hashlib.sha256) -> bytes:
    return hmac.new(secret.encode(), message, algorithm).digest()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def compact(payload) -> str:
    """JSON as senders usually send it: no spaces."""
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False)


def ok(**event):
    return {"ok": True, "event": event}


def fail(code: str):
    return {"ok": False, "code": code}


def vector(provider, name, headers, body, options, expect, url=None):
    options = {"now": NOW, **options}
    return {
        "provider": provider,
        "name": name,
        "request": {"headers": headers, "body": body, "url": url or f"https://edge.example.com/webhooks/{provider}"},
        "options": options,
        "expect": expect,
    }


def tamper(body: str) -> str:
    """The body with one byte changed after signing."""
    index = body.index(":") + 2
    return body[:index] + ("X" if body[index] != "X" else "Y") + body[index + 1 :]


def body_signature_cases(provider, header, sign, body, secret, event, extra_headers=None, malformed="not a signature!"):
    """The standard set for a sender that signs the raw body: valid, rotation, tampered, wrong secret,
    missing header, malformed header, and no secret configured."""
    extra = extra_headers or {}
    good = {**extra, header: sign(body, secret)}
    return [
        vector(provider, "valid signature", good, body, {"secret": secret}, ok(**event)),
        vector(provider, "second of two rotated secrets", good, body, {"secret": ["old-secret", secret]}, ok(**event)),
        vector(provider, "one byte changed", good, tamper(body), {"secret": secret}, fail("signature_mismatch")),
        vector(provider, "wrong secret", {**extra, header: sign(body, "wrong-secret")}, body, {"secret": secret}, fail("signature_mismatch")),
        vector(provider, "no signature header", dict(extra), body, {"secret": secret}, fail("missing_signature")),
        vector(provider, "malformed signature header", {**extra, header: malformed}, body, {"secret": secret}, fail("malformed_signature")),
        vector(provider, "no secret configured", good, body, {"secret": None}, fail("missing_secret")),
    ]


def sample(body: str, headers=None, options=None):
    """A documented delivery before signing, for the gateway's sample sender and the inspector's
    "Load sample": the sender's own headers (topic, delivery id…) and body, without any credential,
    and any option beyond the secret that verifying it needs (the `hmac` scheme)."""
    return {"headers": headers or {}, "body": body, **({"options": options} if options else {})}


def write(provider: str, vectors: list, sample: dict, generated_by: str = "Python hmac/hashlib"):
    path = Path(__file__).with_name(f"{provider}.json")
    document = {"generatedBy": generated_by, "sample": sample, "vectors": vectors}
    path.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {len(vectors)} vectors to {path.name}")


def documented_payload(provider: str) -> str:
    """The sender's example event from its documentation, kept in documented/<provider>.json (taken
    from the team's provider notes, the largest JSON object in each), compacted as a sender sends it."""
    return compact(json.loads((Path(__file__).parent / "documented" / f"{provider}.json").read_text()))
