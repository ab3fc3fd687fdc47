// HubSpot vectors (signature v3): `X-HubSpot-Signature-v3` = base64 HMAC-SHA256, keyed with the app's client
// secret as given, of `method + url + body + timestamp` with no separators, where url is the full https URL
// HubSpot called (query included) and timestamp is `X-HubSpot-Request-Timestamp` (unix milliseconds) as sent.
// Signed by HubSpot's own library (`Signature.getSignature`, npm `@hubspot/api-client`) and judged by its
// `Signature.isValid({ signatureVersion: "v3" })` with the clock set to the vectors' `now`. That check rejects
// only stale timestamps (more than 300 000 ms old); hookgate's symmetric 300 s window is its own policy, so a
// timestamp from the future is not judged.
//
// Rerun: install the SDK outside the repository, then run the generator from the repository root:
//   mkdir -p /work/scratch/sdk-a && cd /work/scratch/sdk-a && npm init -y && npm install @hubspot/api-client
//   HOOKGATE_SDK_DIR=/work/scratch/sdk-a node tests/vectors/hubspot.vectors.mjs
// Sources: HubSpot/hubspot-api-nodejs@395cd9bf3 src/utils/signature.ts (same in 14.0.1);
// developers.hubspot.com/changelog/introducing-version-3-of-webhook-signatures. The body is assembled from the
// documented event fields (eventId, subscriptionId, portalId, appId, occurredAt, subscriptionType, attemptNumber,
// objectId, propertyName, propertyValue, changeSource, sourceId); no verbatim documentation example was retrieved.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fail, NOW, ok, sample, tamper, UNJUDGED, unjudged, vector, write } from "./vectorlib.mjs";

const SDK_DIR = process.env.HOOKGATE_SDK_DIR ?? "/work/scratch/sdk-a";
const sdk = createRequire(`${SDK_DIR}/package.json`);
const version = (name) => JSON.parse(readFileSync(`${SDK_DIR}/node_modules/${name}/package.json`, "utf8")).version;
const { Signature } = sdk("@hubspot/api-client");
const CHECKED_BY = `@hubspot/api-client@${version("@hubspot/api-client")} Signature.isValid (v3)`;

const SECRET = "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e";
const URL = "https://edge.example.com/webhooks/hubspot";
const MS = NOW * 1000;
const body = JSON.stringify([
  {
    eventId: 1681234567, subscriptionId: 2345678, portalId: 62515, appId: 1160452, occurredAt: MS - 1877,
    subscriptionType: "contact.propertyChange", attemptNumber: 0, objectId: 123456789, propertyName: "lifecyclestage",
    propertyValue: "customer", changeSource: "CRM_UI", sourceId: "userId:12345",
  },
]);
const creation = JSON.stringify([
  { eventId: 1681234601, subscriptionId: 2345679, portalId: 62515, appId: 1160452, occurredAt: MS - 900, subscriptionType: "deal.creation",
    attemptNumber: 1, objectId: 987654321, changeFlag: "CREATED", changeSource: "CRM_UI", sourceId: "userId:12345" },
  { eventId: 1681234602, subscriptionId: 2345679, portalId: 62515, appId: 1160452, occurredAt: MS - 800, subscriptionType: "deal.creation",
    attemptNumber: 1, objectId: 987654322, changeFlag: "CREATED", changeSource: "API", sourceId: "userId:12345" },
]);
const v3 = (b, secret, { ts = String(MS), url = URL, method = "POST" } = {}) => ({
  "X-HubSpot-Request-Timestamp": ts,
  "X-HubSpot-Signature-v3": Signature.getSignature(method, "v3", { clientSecret: secret, url, requestBody: b, timestamp: ts }),
});
// HubSpot also sends the legacy v1 signature (a plain SHA-256 of secret + body) with its version header.
const legacy = (b, secret) => ({
  "X-HubSpot-Signature": Signature.getSignature("POST", "v1", { clientSecret: secret, requestBody: b }),
  "X-HubSpot-Signature-Version": "v1",
});
const headers = { "Content-Type": "application/json" };
const good = { ...headers, ...legacy(body, SECRET), ...v3(body, SECRET) };
const event = {
  provider: "hubspot",
  id: "1681234567",
  type: "contact.propertyChange",
  sourceType: "contact.propertyChange",
  occurredAt: "2025-12-31T23:59:58.123Z",
  subject: { type: "contact", id: "123456789", reference: null },
  test: false,
};

const v = (name, h, b, options, expect, url = URL) => vector("hubspot", name, h, b, options, expect, url);
const withMethod = (x, method) => Object.assign(x, { request: { ...x.request, method } });
const withoutV3 = Object.fromEntries(Object.entries(good).filter(([name]) => name !== "X-HubSpot-Signature-v3"));
const QUERY_URL = `${URL}?portal=62515&app=1160452`;

const vectors = [
  v("valid signature", good, body, { secret: SECRET }, ok(event)),
  v("second of two rotated secrets", good, body, { secret: ["old-secret", SECRET] }, ok(event)),
  v("one byte changed", good, tamper(body), { secret: SECRET }, fail("signature_mismatch")),
  v("wrong secret", { ...headers, ...legacy(body, "wrong-secret"), ...v3(body, "wrong-secret") }, body, { secret: SECRET },
    fail("signature_mismatch")),
  // The legacy v1 header (a plain hash, no timestamp) is not accepted: without v3 there is no signature.
  v("only the legacy v1 signature", withoutV3, body, { secret: SECRET }, fail("missing_signature")),
  v("malformed signature header", { ...good, "X-HubSpot-Signature-v3": "not base64!" }, body, { secret: SECRET }, fail("malformed_signature")),
  v("no secret configured", good, body, { secret: null }, fail("missing_secret")),
  v("signed 301 s before now", { ...headers, ...v3(body, SECRET, { ts: String(MS - 301_000) }) }, body, { secret: SECRET },
    fail("timestamp_out_of_tolerance")),
  v("the timestamp changed after signing", { ...good, "X-HubSpot-Request-Timestamp": String(MS + 1) }, body, { secret: SECRET },
    fail("signature_mismatch")),
  v("a timestamp in seconds, signed as sent", { ...headers, ...v3(body, SECRET, { ts: String(NOW) }) }, body, { secret: SECRET },
    fail("timestamp_out_of_tolerance")),
  unjudged(v("signed 301 s after now", { ...headers, ...v3(body, SECRET, { ts: String(MS + 301_000) }) }, body, { secret: SECRET },
    fail("timestamp_out_of_tolerance"))),
  v("no timestamp header", { ...good, "X-HubSpot-Request-Timestamp": undefined }, body, { secret: SECRET }, fail("missing_signature")),
  v("the URL with its query, signed as called", { ...headers, ...v3(body, SECRET, { url: QUERY_URL }) }, body, { secret: SECRET },
    ok({ id: event.id }), QUERY_URL),
  v("another query than the one signed", { ...headers, ...v3(body, SECRET, { url: QUERY_URL }) }, body, { secret: SECRET },
    fail("signature_mismatch"), QUERY_URL.replace("62515", "62516")),
  v("a trailing slash on the path", good, body, { secret: SECRET }, fail("signature_mismatch"), `${URL}/`),
  v("no URL to check it against", good, body, { secret: SECRET }, fail("missing_url"), null),
  withMethod(v("signed as POST, received as PUT", good, body, { secret: SECRET }, fail("signature_mismatch")), "PUT"),
  withMethod(v("a PUT request signed as PUT", { ...headers, ...v3(body, SECRET, { method: "PUT" }) }, body, { secret: SECRET },
    ok({ id: event.id })), "PUT"),
  v("a batch of two events: the event is the first", { ...headers, ...v3(creation, SECRET) }, creation, { secret: SECRET },
    ok({ id: "1681234601", type: "deal.creation", sourceType: "deal.creation", occurredAt: "2025-12-31T23:59:59.100Z",
      subject: { type: "deal", id: "987654321" } })),
];
for (const each of vectors) {
  for (const [name, value] of Object.entries(each.request.headers)) if (value === undefined) delete each.request.headers[name];
}

const realNow = Date.now;
Date.now = () => MS;
try {
  for (const each of vectors) {
    if (each[UNJUDGED] || each.options.secret == null || each.request.url === null) continue;
    const h = each.request.headers;
    const verdict = [].concat(each.options.secret).some((clientSecret) => {
      try {
        return Signature.isValid({
          signatureVersion: "v3", method: each.request.method ?? "POST", url: each.request.url, requestBody: each.request.body,
          clientSecret, signature: h["X-HubSpot-Signature-v3"],
          timestamp: h["X-HubSpot-Request-Timestamp"] === undefined ? undefined : Number(h["X-HubSpot-Request-Timestamp"]),
        });
      } catch {
        return false; // a stale or absent timestamp throws
      }
    });
    if (verdict !== each.expect.ok) throw new Error(`${CHECKED_BY} says ${verdict} for "${each.name}", expected ${each.expect.ok}`);
    each.checkedBy = CHECKED_BY;
  }
} finally {
  Date.now = realNow;
}
write("hubspot", vectors, sample(body, headers),
  `@hubspot/api-client@${version("@hubspot/api-client")} (Signature.getSignature v3); judged by Signature.isValid v3 at now`);
