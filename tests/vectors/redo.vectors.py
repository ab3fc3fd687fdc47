"""Redo vectors beyond the shared set, and the documented sample (Authorization: Bearer)."""
from vectorlib import documented_payload, fail, ok, sample, vector, write

SECRET = "your-subscriber-secret-123"
body = documented_payload("redo")
event = ok(provider="redo", id="64df65d4c5a4ca3eff4b4e43-2023-08-18T12:00:00Z", type="return.created", sourceType="created",
           occurredAt="2023-08-18T12:00:00Z", subject={"type": "return", "id": "64df65d4c5a4ca3eff4b4e43"}, status={"current": "pending"})
vectors = [
    vector("redo", "documented payload", {"Authorization": f"Bearer {SECRET}"}, body, {"secret": SECRET}, event),
    vector("redo", "bearer token with surrounding spaces", {"Authorization": f"  Bearer   {SECRET} "}, body, {"secret": SECRET}, event),
    vector("redo", "second of two rotated secrets", {"Authorization": f"Bearer {SECRET}"}, body, {"secret": ["old", SECRET]}, event),
    vector("redo", "a token that differs only in case", {"Authorization": f"Bearer {SECRET.upper()}"}, body, {"secret": SECRET},
           fail("signature_mismatch")),
    vector("redo", "an unknown type still verifies", {"Authorization": f"Bearer {SECRET}"}, body.replace('"created"', '"deleted"', 1),
           {"secret": SECRET}, ok(type="unknown", sourceType="deleted")),
]
write("redo", vectors, sample(body))
