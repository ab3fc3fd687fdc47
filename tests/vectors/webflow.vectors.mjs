// Webflow vectors: `x-webflow-signature` = lowercase hex HMAC-SHA256 of `x-webflow-timestamp + ":" + body`,
// keyed with the OAuth app's client secret (or the secret returned when the webhook was created through the
// API) as given; `x-webflow-timestamp` is unix milliseconds. Webflow's SDK exposes no signing helper, so
// node:crypto signs; vectors are judged by its `webhooks.verifySignature` (npm `webflow-api`), which checks
// only the signature: Webflow's documented 5-minute window is applied by hookgate (300 s, both ways), so
// vectors decided by the timestamp alone, and upper-case hex, are not judged.
//
// Rerun: install the SDK outside the repository, then run the generator from the repository root:
//   mkdir -p /work/scratch/sdk-a && cd /work/scratch/sdk-a && npm init -y && npm install webflow-api
//   HOOKGATE_SDK_DIR=/work/scratch/sdk-a node tests/vectors/webflow.vectors.mjs
// Sources: webflow/js-webflow-api@31e9cf3 src/wrapper/WebhooksClient.ts; developers.webflow.com/data/v1.0.0/docs/verifying-webhook-signatures
// (ms timestamp example, 5 minutes, dashboard webhooks unsigned); developers.webflow.com/reference/webhooks (the
// form_submission example, cut after its schema in what was retrieved; completed from the SDK's
// FormSubmissionTriggerPayload fields submittedAt, id, formId, formElementId).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fail, hmac, NOW, ok, sample, tamper, UNJUDGED, unjudged, vector, write } from "./vectorlib.mjs";

const SDK_DIR = process.env.HOOKGATE_SDK_DIR ?? "/work/scratch/sdk-a";
const sdk = createRequire(`${SDK_DIR}/package.json`);
const version = (name) => JSON.parse(readFileSync(`${SDK_DIR}/node_modules/${name}/package.json`, "utf8")).version;
const { WebflowClient } = sdk("webflow-api");
const client = new WebflowClient({ accessToken: "unused-access-token" });
const CHECKED_BY = `webflow-api@${version("webflow-api")} webhooks.verifySignature`;

const SECRET = "webflow-client-secret-4e6a8c0b2d";
const MS = NOW * 1000;
const body = JSON.stringify(JSON.parse(readFileSync(new URL("./documented/webflow.json", import.meta.url), "utf8")));
const headers = { "Content-Type": "application/json" };
const sign = (b, secret, ts = String(MS)) => ({ "x-webflow-timestamp": ts, "x-webflow-signature": hmac("sha256", secret, `${ts}:${b}`, "hex") });
const good = { ...headers, ...sign(body, SECRET) };
const event = {
  provider: "webflow",
  id: "6321a02c4dd3d5dc1d2bd8b9",
  type: "form.submitted",
  sourceType: "form_submission",
  occurredAt: "2025-12-31T23:59:57.123Z",
  subject: { type: "form", id: "65429eadebe8a9f3a30f62d0", reference: "Contact Us" },
  test: false,
};
const published = JSON.stringify({
  triggerType: "site_publish",
  payload: { siteId: "65427cf400e02b306eaa049c", publishedOn: "2025-12-31T23:59:58.450Z", domains: ["heartofgold.webflow.io"],
    publishedBy: { displayName: "Zaphod Beeblebrox" } },
});

const v = (name, h, b, options, expect) => vector("webflow", name, h, b, options, expect);
const without = (h, ...names) => Object.fromEntries(Object.entries(h).filter(([key]) => !names.includes(key)));
const vectors = [
  v("valid signature", good, body, { secret: SECRET }, ok(event)),
  v("second of two rotated secrets", good, body, { secret: ["old-secret", SECRET] }, ok(event)),
  v("one byte changed", good, tamper(body), { secret: SECRET }, fail("signature_mismatch")),
  v("wrong secret", { ...headers, ...sign(body, "wrong-secret") }, body, { secret: SECRET }, fail("signature_mismatch")),
  // Webhooks created in the site dashboard are not signed at all.
  v("no signature headers (a dashboard-created webhook)", headers, body, { secret: SECRET }, fail("missing_signature")),
  v("malformed signature header", { ...good, "x-webflow-signature": "sha256=zz" }, body, { secret: SECRET }, fail("malformed_signature")),
  v("no secret configured", good, body, { secret: null }, fail("missing_secret")),
  unjudged(v("signed 301 s before now", { ...headers, ...sign(body, SECRET, String(MS - 301_000)) }, body, { secret: SECRET },
    fail("timestamp_out_of_tolerance"))),
  unjudged(v("signed 301 s after now", { ...headers, ...sign(body, SECRET, String(MS + 301_000)) }, body, { secret: SECRET },
    fail("timestamp_out_of_tolerance"))),
  v("the timestamp changed after signing", { ...good, "x-webflow-timestamp": String(MS + 1) }, body, { secret: SECRET },
    fail("signature_mismatch")),
  unjudged(v("a timestamp in seconds, signed as sent", { ...headers, ...sign(body, SECRET, String(NOW)) }, body, { secret: SECRET },
    fail("timestamp_out_of_tolerance"))),
  v("no timestamp header", without(good, "x-webflow-timestamp"), body, { secret: SECRET }, fail("missing_signature")),
  unjudged(v("signature in uppercase hex", { ...good, "x-webflow-signature": good["x-webflow-signature"].toUpperCase() }, body,
    { secret: SECRET }, ok({ id: event.id }))),
  // Other triggers carry no event id: the id is a digest of the signed bytes (`timestamp:body`).
  v("a site_publish event", { ...headers, ...sign(published, SECRET) }, published, { secret: SECRET },
    ok({
      id: `sha256:${createHash("sha256").update(`${MS}:${published}`).digest("hex")}`, type: "site.published", sourceType: "site_publish",
      occurredAt: "2025-12-31T23:59:58.450Z", subject: { type: "site", id: "65427cf400e02b306eaa049c" },
    })),
];

for (const each of vectors) {
  if (each[UNJUDGED] || each.options.secret == null) continue;
  let verdict = false;
  for (const secret of [].concat(each.options.secret)) {
    if (await client.webhooks.verifySignature({ headers: each.request.headers, body: each.request.body, secret })) verdict = true;
  }
  if (verdict !== each.expect.ok) throw new Error(`${CHECKED_BY} says ${verdict} for "${each.name}", expected ${each.expect.ok}`);
  each.checkedBy = CHECKED_BY;
}
write("webflow", vectors, sample(body, headers), `node:crypto (HMAC-SHA256 of timestamp:body, hex); judged by ${CHECKED_BY}`);
