"""Baback vectors beyond the shared set: the secret key escaped, duplicated or repeated elsewhere, and
the documented sample (its `data.secret` is what a sender fills in)."""
import json

from vectorlib import compact, documented_payload, fail, ok, sample, vector, write

SECRET = "your-webhook-secret"
doc = documented_payload("baback")
headers = {"Content-Type": "application/json"}
event = dict(provider="baback", type="return.created", sourceType="returnRequest:returnRequest:create",
             subject={"type": "return", "id": "return-request-12345", "reference": "#EXAMPLE-001"}, occurredAt="2023-01-01T00:00:00Z")
small = '{"data":{"action":"returnRequest:returnRequest:create",%s"returnRequest":{"id":"r1","orderName":"#1"}}}'
vectors = [
    vector("baback", "documented payload", headers, doc, {"secret": SECRET}, {**ok(**event), "secretAbsent": SECRET}),
    vector("baback", "secret key written with an escape", headers, small % f'"\\u0073ecret":"{SECRET}",', {"secret": SECRET},
           {**ok(subject={"id": "r1"}), "secretAbsent": SECRET}),
    vector("baback", "duplicate secret keys: the last one counts", headers, small % f'"secret":"guess","secret":"{SECRET}",',
           {"secret": SECRET}, {**ok(subject={"id": "r1"}), "secretAbsent": SECRET}),
    vector("baback", "duplicate secret keys: a right first one does not count", headers, small % f'"secret":"{SECRET}","secret":"guess",',
           {"secret": SECRET}, fail("signature_mismatch")),
    vector("baback", "the secret repeated in another field is never forwarded", headers,
           small % f'"secret":"{SECRET}","note":"{SECRET}",', {"secret": SECRET}, fail("invalid_payload")),
    vector("baback", "secret nested in an object", headers, small % f'"secret":{{"value":"{SECRET}"}},', {"secret": SECRET},
           fail("malformed_signature")),
]
unsigned = json.loads(doc)
unsigned["data"]["secret"] = ""
write("baback", vectors, sample(compact(unsigned), headers))
