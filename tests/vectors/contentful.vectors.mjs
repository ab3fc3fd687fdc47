// Contentful vectors (webhook request verification): `x-contentful-signature` = lowercase hex HMAC-SHA256,
// keyed with the space's 64-character signing secret as given, of the canonical request
//   METHOD \n PATH \n HEADERS \n BODY
// PATH = encodeURI(pathname + "?" + querystring.escape(query)) (the query is escaped twice: `=` is `%253D`);
// HEADERS = the headers named in `x-contentful-signed-headers`, keys lower-cased, values trimmed, sorted by key,
// written `key:value` and joined by `;`, always including `x-contentful-signed-headers` (its value rewritten as
// the sorted list) and `x-contentful-timestamp` (unix milliseconds). Signed by Contentful's own toolkit
// (`signRequest`, npm `@contentful/node-apps-toolkit`) and judged by its `verifyRequest(secret, request, 300)`
// with the clock set to the vectors' `now` (the toolkit's default TTL is 30 s and it does not refuse future
// timestamps; hookgate's symmetric 300 s window is its own policy, so a future timestamp is not judged).
//
// Rerun: install the SDK outside the repository, then run the generator from the repository root:
//   mkdir -p /work/scratch/sdk-a && cd /work/scratch/sdk-a && npm init -y && npm install @contentful/node-apps-toolkit
//   HOOKGATE_SDK_DIR=/work/scratch/sdk-a node tests/vectors/contentful.vectors.mjs
// Sources: contentful/node-apps-toolkit@42bf35e src/requests/{sign-request,verify-request,utils}.ts;
// contentful.com/developers/docs/webhooks/request-verification, .../webhooks/headers, .../webhooks/secrets.
// Which headers Contentful itself lists in x-contentful-signed-headers is not documented: these vectors sign
// x-contentful-topic and x-contentful-idempotency-key. The body (an Entry in Management API form) is an example,
// not a verbatim documentation payload.
import { createHash, createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { escape as queryEscape } from "node:querystring";
import { fail, NOW, ok, sample, tamper, UNJUDGED, unjudged, vector, write } from "./vectorlib.mjs";

const SDK_DIR = process.env.HOOKGATE_SDK_DIR ?? "/work/scratch/sdk-a";
const sdk = createRequire(`${SDK_DIR}/package.json`);
const version = (name) => JSON.parse(readFileSync(`${SDK_DIR}/node_modules/${name}/package.json`, "utf8")).version;
const { signRequest, verifyRequest } = sdk("@contentful/node-apps-toolkit");
const VERSION = `@contentful/node-apps-toolkit@${version("@contentful/node-apps-toolkit")}`;
const CHECKED_BY = `${VERSION} verifyRequest (ttl 300)`;

// Made-up signing secrets in Contentful's format: exactly 64 characters of [0-9a-zA-Z+/=_-].
const SECRET = "cf7Kq2Xv9Lp4Tn8Rb3Wd6Yh1Zs5Mg0Jc7Kq2Xv9Lp4Tn8Rb3Wd6Yh1Zs5Mg0Jc1a";
const OLD_SECRET = "old0000000000000000000000000000000000000000000000000000000000000";
const WRONG_SECRET = "wrong00000000000000000000000000000000000000000000000000000000000";
const MS = NOW * 1000;
const URL = "https://edge.example.com/webhooks/contentful";
const pathOf = (url) => { const u = new globalThis.URL(url); return u.pathname + u.search; };

const body = JSON.stringify({
  metadata: { tags: [] },
  sys: {
    type: "Entry", id: "5KsDBWseXY6QegucYAoacS",
    space: { sys: { type: "Link", linkType: "Space", id: "yadj1kx9rmg0" } },
    environment: { sys: { id: "master", type: "Link", linkType: "Environment" } },
    contentType: { sys: { type: "Link", linkType: "ContentType", id: "product" } },
    createdBy: { sys: { type: "Link", linkType: "User", id: "7pa4QGTUp8Pz5Y9Jq3bg2d" } },
    updatedBy: { sys: { type: "Link", linkType: "User", id: "7pa4QGTUp8Pz5Y9Jq3bg2d" } },
    revision: 3, createdAt: "2025-12-30T10:11:12.345Z", updatedAt: "2025-12-31T23:59:58.000Z",
  },
  fields: { productName: { "en-US": "Playsam Streamliner Classic Car, Espresso" }, slug: { "en-US": "playsam-streamliner" } },
});
const IDEMPOTENCY = "3c2f6e0b9a1d4c7e8f5a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e";
const headers = {
  "Content-Type": "application/vnd.contentful.management.v1+json",
  "X-Contentful-Topic": "ContentManagement.Entry.publish",
  "X-Contentful-Webhook-Name": "Publish to search",
  "X-Contentful-Idempotency-Key": IDEMPOTENCY,
};
const SIGNED = ["X-Contentful-Topic", "X-Contentful-Idempotency-Key"];
function sign(h, b, secret, { ts = MS, url = URL, method = "POST" } = {}) {
  const toSign = Object.fromEntries(SIGNED.filter((name) => name in h).map((name) => [name, h[name]]));
  return { ...h, ...signRequest(secret, { method, path: pathOf(url), headers: toSign, body: b }, ts) };
}

// The same canonical request written out by hand (node:crypto), so the byte-level description above is checked.
function canonical(method, url, h, b) {
  const [pathname, query] = pathOf(url).split("?");
  const path = encodeURI(query ? `${pathname}?${queryEscape(query)}` : pathname);
  const lower = Object.fromEntries(Object.entries(h).map(([k, val]) => [k.toLowerCase().trim(), String(val).trim()]));
  const names = lower["x-contentful-signed-headers"].split(",").filter((name) => name in lower).sort();
  lower["x-contentful-signed-headers"] = names.join(",");
  return [method, path, names.map((name) => `${name}:${lower[name]}`).join(";"), b].join("\n");
}
const good = sign(headers, body, SECRET);
const QUERY_URL = `${URL}?space=yadj1kx9rmg0&env=master`;
const withQuery = sign(headers, body, SECRET, { url: QUERY_URL });
for (const [h, url] of [[good, URL], [withQuery, QUERY_URL]]) {
  if (createHmac("sha256", SECRET).update(canonical("POST", url, h, body)).digest("hex") !== h["x-contentful-signature"]) {
    throw new Error(`the hand-written canonical request disagrees with signRequest for ${url}`);
  }
}

const event = {
  provider: "contentful",
  id: IDEMPOTENCY,
  type: "ContentManagement.Entry.publish",
  sourceType: "ContentManagement.Entry.publish",
  occurredAt: "2025-12-31T23:59:58Z",
  subject: { type: "entry", id: "5KsDBWseXY6QegucYAoacS", reference: null },
  test: false,
};
const v = (name, h, b, options, expect, url = URL) => vector("contentful", name, h, b, options, expect, url);
const withMethod = (x, method) => Object.assign(x, { request: { ...x.request, method } });
const without = (h, ...names) => Object.fromEntries(Object.entries(h).filter(([key]) => !names.includes(key)));
const reordered = { ...good, "x-contentful-signed-headers": good["x-contentful-signed-headers"].split(",").reverse().join(",") };
const noIdempotency = sign(without(headers, "X-Contentful-Idempotency-Key"), body, SECRET);

const vectors = [
  v("valid signature", good, body, { secret: SECRET }, ok(event)),
  v("second of two rotated secrets", good, body, { secret: [OLD_SECRET, SECRET] }, ok(event)),
  v("one byte changed", good, tamper(body), { secret: SECRET }, fail("signature_mismatch")),
  v("wrong secret", sign(headers, body, WRONG_SECRET), body, { secret: SECRET }, fail("signature_mismatch")),
  v("no signature header", without(good, "x-contentful-signature"), body, { secret: SECRET }, fail("missing_signature")),
  v("malformed signature header", { ...good, "x-contentful-signature": "not-hex" }, body, { secret: SECRET }, fail("malformed_signature")),
  v("no secret configured", good, body, { secret: null }, fail("missing_secret")),
  v("signed 301 s before now", sign(headers, body, SECRET, { ts: MS - 301_000 }), body, { secret: SECRET },
    fail("timestamp_out_of_tolerance")),
  v("the timestamp changed after signing", { ...good, "x-contentful-timestamp": String(MS + 1) }, body, { secret: SECRET },
    fail("signature_mismatch")),
  unjudged(v("signed 301 s after now", sign(headers, body, SECRET, { ts: MS + 301_000 }), body, { secret: SECRET },
    fail("timestamp_out_of_tolerance"))),
  v("no x-contentful-timestamp header", without(good, "x-contentful-timestamp"), body, { secret: SECRET }, fail("missing_signature")),
  v("no x-contentful-signed-headers header", without(good, "x-contentful-signed-headers"), body, { secret: SECRET },
    fail("malformed_signature")),
  v("a signed header changed after signing", { ...good, "X-Contentful-Topic": "ContentManagement.Entry.unpublish" }, body,
    { secret: SECRET }, fail("signature_mismatch")),
  v("an unsigned header changed after signing", { ...good, "X-Contentful-Webhook-Name": "Renamed" }, body, { secret: SECRET },
    ok({ id: event.id })),
  v("the signed-headers list in another order", reordered, body, { secret: SECRET }, ok({ id: event.id })),
  v("the URL with its query, signed as called", withQuery, body, { secret: SECRET }, ok({ id: event.id }), QUERY_URL),
  v("another path than the one signed", good, body, { secret: SECRET }, fail("signature_mismatch"), `${URL}/other`),
  v("no URL to check it against", good, body, { secret: SECRET }, fail("missing_url"), null),
  withMethod(v("a webhook sent with PUT, signed as PUT", sign(headers, body, SECRET, { method: "PUT" }), body, { secret: SECRET },
    ok({ id: event.id })), "PUT"),
  withMethod(v("signed as POST, received as PUT", good, body, { secret: SECRET }, fail("signature_mismatch")), "PUT"),
  v("no idempotency key: the id is a digest of the signed bytes", noIdempotency, body, { secret: SECRET },
    ok({ id: `sha256:${createHash("sha256").update(canonical("POST", URL, noIdempotency, body)).digest("hex")}`, type: event.type })),
];

const realNow = Date.now;
Date.now = () => MS;
try {
  for (const each of vectors) {
    if (each[UNJUDGED] || each.options.secret == null || each.request.url === null) continue;
    const request = { method: each.request.method ?? "POST", path: pathOf(each.request.url), headers: each.request.headers, body: each.request.body };
    const verdict = [].concat(each.options.secret).some((secret) => {
      try {
        return verifyRequest(secret, request, 300);
      } catch {
        return false; // expired, or a header missing or malformed
      }
    });
    if (verdict !== each.expect.ok) throw new Error(`${CHECKED_BY} says ${verdict} for "${each.name}", expected ${each.expect.ok}`);
    each.checkedBy = CHECKED_BY;
  }
} finally {
  Date.now = realNow;
}
write("contentful", vectors, sample(body, headers), `${VERSION} (signRequest); judged by verifyRequest with a 300 s TTL at now`);
