"""returns.cloud vectors beyond the shared set, and the documented sample (a token you choose)."""
from vectorlib import documented_payload, fail, ok, sample, vector, write

TOKEN = "rc_tok_5d41402abc4b2a76"
body = documented_payload("returns-cloud")
url = "https://edge.example.com/webhooks/returns-cloud"
event = ok(provider="returns-cloud", type="return.status_changed", sourceType="return_order.status.changed",
           subject={"type": "return", "reference": "100004"}, status={"previous": "approved", "current": "option_selected"})
vectors = [
    vector("returns-cloud", "documented payload", {}, body, {"token": TOKEN}, event, url=f"{url}?token={TOKEN}"),
    vector("returns-cloud", "percent-encoded token", {}, body, {"token": "tok/with+plus"}, event, url=f"{url}?token=tok%2Fwith%2Bplus"),
    vector("returns-cloud", "token parameter twice with different values", {}, body, {"token": TOKEN}, fail("malformed_signature"),
           url=f"{url}?token=guess&token={TOKEN}"),
    vector("returns-cloud", "second of two rotated tokens", {}, body, {"token": ["old", TOKEN]}, event, url=f"{url}?token={TOKEN}"),
    vector("returns-cloud", "a secret is not a token", {}, body, {"secret": TOKEN}, fail("missing_secret"), url=f"{url}?token={TOKEN}"),
]
write("returns-cloud", vectors, sample(body))
