"""Shopify vectors: X-Shopify-Hmac-Sha256 (or un-prefixed shopify-hmac-sha256), base64 HMAC-SHA256 of
the raw body; topic, event id and time in headers."""
from vectorlib import sample, b64, body_signature_cases, compact, fail, mac, ok, vector, write

SECRET = "shpss_2c4e6a8b0d"


def sign(body, secret):
    return b64(mac(secret, body.encode()))


order = compact({"id": 820982911946154508, "name": "#1001", "test": False, "financial_status": "paid", "email": "jane@example.com",
                 "created_at": "2026-01-01T01:00:00+01:00", "line_items": [{"id": 866550311766439020, "quantity": 1, "sku": "TS-M"}]})
headers = {"X-Shopify-Topic": "orders/create", "X-Shopify-Event-Id": "98880550-7158-44d4-b7cd-2c97c8a091b5",
           "X-Shopify-Webhook-Id": "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043", "X-Shopify-Triggered-At": "2026-01-01T00:00:00.000Z",
           "X-Shopify-Shop-Domain": "example.myshopify.com", "X-Shopify-API-Version": "2026-01"}
event = dict(provider="shopify", id="98880550-7158-44d4-b7cd-2c97c8a091b5", type="order.created", sourceType="orders/create",
             occurredAt="2026-01-01T00:00:00Z", subject={"type": "order", "id": "820982911946154508", "reference": "#1001"}, test=False)
vectors = body_signature_cases("shopify", "X-Shopify-Hmac-Sha256", sign, order, SECRET, event, extra_headers=headers)

ret = compact({"id": 945000954, "admin_graphql_api_id": "gid://shopify/Return/945000954", "name": "#1001-R1", "status": "OPEN",
               "order": {"id": 820982911946154508}})
plain = {"shopify-topic": "returns/approve", "shopify-webhook-id": "c1d2e3f4-0000-4000-8000-000000000001",
         "shopify-hmac-sha256": sign(ret, SECRET)}
vectors += [
    vector("shopify", "un-prefixed header names, webhook id as the event id", plain, ret, {"secret": SECRET},
           ok(id="c1d2e3f4-0000-4000-8000-000000000001", type="return.approved", sourceType="returns/approve",
              subject={"type": "return", "id": "945000954", "reference": "#1001-R1"}, status={"current": "OPEN"})),
    vector("shopify", "a topic that is neither orders nor returns still verifies",
           {**headers, "X-Shopify-Topic": "products/update", "X-Shopify-Hmac-Sha256": sign(order, SECRET)}, order, {"secret": SECRET},
           ok(type="unknown", sourceType="products/update")),
    vector("shopify", "signature of another shop's secret in the un-prefixed header",
           {**plain, "shopify-hmac-sha256": sign(ret, "other-shop")}, ret, {"secret": SECRET}, fail("signature_mismatch")),
]
write("shopify", vectors, sample(order, headers={k: v for k, v in headers.items()}))
