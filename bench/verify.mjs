// Verification as an application calls it: a fresh options object with the secret string on every call,
// the headers as a plain object or a Fetch `Headers`, a string body; the event comes back as an object.
// Against the same job done the JS way (node:crypto or @noble/hashes, then JSON.parse) for ReReady, and
// against the `standardwebhooks` and `svix` packages (each constructed once, their best case) for
// Standard Webhooks.
import { Webhook as StandardWebhook } from "standardwebhooks";
import { Webhook as SvixWebhook } from "svix";
import { field } from "../pkg/frame.js";
import { makeVerifier, nobleHmac, nodeHmac } from "./js-baseline.mjs";
import { measure, us, x } from "./measure.mjs";
import { rereadyBody, SIZES, standardWebhooksBody } from "./payloads.mjs";

const NOW = 1767225600;
const WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const nodeVerify = makeVerifier(nodeHmac);
const nobleVerify = makeVerifier(nobleHmac);
// A new string each call, as when it is read from the environment or a request.
const secretOf = (/** @type {string} */ s) => s.slice(0);
const timeFor = (/** @type {number} */ size) => (size >= 300_000 ? 1500 : 700);

/** @param {any} hookgate @param {ReturnType<import("./measure.mjs").report>} out */
export async function rereadyApplicationStyle(hookgate, out) {
  const SECRET = "ssk_live_9f8e7d6c5b4a";
  out.print("### ReReady as an application calls it (HMAC-SHA512 over `t.body`, parse, normalize), median µs");
  out.print();
  out.print(
    "| payload | hookgate `verify`, object headers | `verify`, `Headers` | `verifyJson` (a string) | node:crypto + JSON.parse | pure JS (@noble/hashes) | JSON.parse(body) alone | vs node:crypto | vs pure JS |",
  );
  out.print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const [label, size] of SIZES) {
    const body = rereadyBody(size);
    const header = hookgate.signHeaders("reready", { body, secret: SECRET, timestamp: NOW })["X-ReReady-Signature-512"];
    const plain = { "x-reready-signature-512": header, "content-type": "application/json", "user-agent": "ReReady-Webhooks/1.0" };
    const fetchHeaders = new Headers(plain);
    // Every contender must produce the same event before it is timed.
    const expected = hookgate.verify("reready", { headers: plain, body }, { secret: SECRET, now: NOW });
    for (const verify of [nodeVerify, nobleVerify]) {
      const event = verify(plain, body, SECRET, NOW);
      if (JSON.stringify(event) !== JSON.stringify(expected)) throw new Error("the JS baseline disagrees with hookgate");
    }
    const r = await measure(
      {
        object: () => hookgate.verify("reready", { headers: plain, body }, { secret: secretOf(SECRET), now: NOW }),
        headers: () => hookgate.verify("reready", { headers: fetchHeaders, body }, { secret: secretOf(SECRET), now: NOW }),
        json: () => hookgate.verifyJson("reready", { headers: plain, body }, { secret: secretOf(SECRET), now: NOW }),
        parse: () => JSON.parse(body),
        node: () => nodeVerify(plain, body, secretOf(SECRET), NOW),
        noble: () => nobleVerify(plain, body, secretOf(SECRET), NOW),
      },
      timeFor(size),
    );
    const slowest = Math.max(r.object, r.headers);
    out.print(
      `| ${label} (${body.length} B) | ${us(r.object)} | ${us(r.headers)} | ${us(r.json)} | ${us(r.node)} | ${us(r.noble)} | ${us(r.parse)} | ${x(r.node, slowest)} | ${x(r.noble, slowest)} |`,
    );
    // #25's targets: verify (an object) ≥ 1x node:crypto + JSON.parse at 300 B and ≥ 0.85x from 3 KB;
    // verifyJson ≥ 1.5x at 300 B and ≥ 2x from 3 KB; every pure-JS verifier ≥ 2x behind.
    const small = size < 3000;
    const [objectNeeded, jsonNeeded] = small ? [1, 1.5] : [0.85, 2];
    out.target(
      `ReReady verify ≥ ${objectNeeded}x node:crypto + JSON.parse at ${label}`,
      r.node / slowest >= objectNeeded,
      x(r.node, slowest),
    );
    out.target(
      `ReReady verifyJson ≥ ${jsonNeeded}x node:crypto + JSON.parse at ${label}`,
      r.node / r.json >= jsonNeeded,
      x(r.node, r.json),
    );
    out.target(`ReReady ≥ 2x pure JS at ${label}`, r.noble / slowest >= 2, x(r.noble, slowest));
  }
  out.print();
  out.print(
    'Ratios are against the slower of the two `verify` columns. `JSON.parse(body) alone` is a floor under any `verify` that returns the event as an object, and the baselines pay it too (see "What we tried", section 3).',
  );
  out.print();
}

/** @param {any} hookgate @param {ReturnType<import("./measure.mjs").report>} out */
export async function standardWebhooksApplicationStyle(hookgate, out) {
  out.print("### Standard Webhooks as an application calls it (HMAC-SHA256 over `id.t.body`), median µs");
  out.print();
  out.print("| payload | hookgate, object headers | hookgate, `Headers` | `standardwebhooks` | `svix` | vs standardwebhooks | vs svix |");
  out.print("| --- | --- | --- | --- | --- | --- | --- |");
  const standard = new StandardWebhook(WHSEC);
  const svix = new SvixWebhook(WHSEC);
  for (const [label, size] of SIZES) {
    const body = standardWebhooksBody(size);
    const signature = hookgate.signHeaders("standard-webhooks", { body, secret: WHSEC, timestamp: NOW, id: "msg_1" })["webhook-signature"];
    const plain = {
      "webhook-id": "msg_1",
      "webhook-timestamp": String(NOW),
      "webhook-signature": signature,
      "content-type": "application/json",
    };
    const fetchHeaders = new Headers(plain);
    // The JS libraries read the clock; they get the same delivery signed at the real now.
    const live = Math.floor(Date.now() / 1000);
    const liveSignature = hookgate.signHeaders("standard-webhooks", { body, secret: WHSEC, timestamp: live, id: "msg_1" })[
      "webhook-signature"
    ];
    const liveHeaders = { ...plain, "webhook-timestamp": String(live), "webhook-signature": liveSignature };
    const liveSvix = { "svix-id": "msg_1", "svix-timestamp": String(live), "svix-signature": liveSignature };
    standard.verify(body, liveHeaders);
    svix.verify(body, liveSvix);
    const r = await measure(
      {
        object: () => hookgate.verify("standard-webhooks", { headers: plain, body }, { secret: secretOf(WHSEC), now: NOW }),
        headers: () => hookgate.verify("standard-webhooks", { headers: fetchHeaders, body }, { secret: secretOf(WHSEC), now: NOW }),
        standardwebhooks: () => standard.verify(body, liveHeaders),
        svix: () => svix.verify(body, liveSvix),
      },
      timeFor(size),
    );
    const slowest = Math.max(r.object, r.headers);
    out.print(
      `| ${label} (${body.length} B) | ${us(r.object)} | ${us(r.headers)} | ${us(r.standardwebhooks)} | ${us(r.svix)} | ${x(r.standardwebhooks, slowest)} | ${x(r.svix, slowest)} |`,
    );
    out.target(`Standard Webhooks ≥ 2x standardwebhooks at ${label}`, r.standardwebhooks / slowest >= 2, x(r.standardwebhooks, slowest));
    out.target(`Standard Webhooks ≥ 2x svix at ${label}`, r.svix / slowest >= 2, x(r.svix, slowest));
  }
  out.print();
}

/**
 * The gateway's path, `verifyForward` (verify, normalize, sign for the origin; the event as bytes), against
 * the module's own HMACs alone (ReReady's and the forward's, over the same bytes).
 * @param {any} hookgate @param {{ glue: any, boundary: any }} bench @param {ReturnType<import("./measure.mjs").report>} out
 */
export async function forwardPath(hookgate, { glue, boundary }, out) {
  const SECRET = "ssk_live_9f8e7d6c5b4a";
  const FORWARD = "whsec_ZGVtby1mb3J3YXJkLXNlY3JldC1ub3QtZm9yLXByb2R1Y3Rpb24=";
  out.print("### The forward path: `verifyForward` against its HMACs alone, median µs");
  out.print();
  out.print("| payload | `verifyForward` (ReReady, signed for the origin) | the two HMACs alone | end-to-end / HMAC-only |");
  out.print("| --- | --- | --- | --- |");
  for (const [label, size] of SIZES) {
    const body = rereadyBody(size);
    const headers = {
      "x-reready-signature-512": hookgate.signHeaders("reready", { body, secret: SECRET, timestamp: NOW })["X-ReReady-Signature-512"],
    };
    const frame = field("secret", SECRET) + field("id", String(NOW)) + field("forwardSecret", FORWARD);
    const floor = () => {
      const [frameLength, bodyLength] = boundary.stage(frame, body, Number.POSITIVE_INFINITY, null);
      glue.benchHmacOnly(frameLength, bodyLength, true);
      return boundary.answer(null);
    };
    const r = await measure(
      {
        forward: () => hookgate.verifyForward("reready", { headers, body }, { secret: SECRET, now: NOW, forwardSecret: FORWARD }),
        hmacOnly: floor,
      },
      timeFor(size),
    );
    out.print(`| ${label} (${body.length} B) | ${us(r.forward)} | ${us(r.hmacOnly)} | ${x(r.forward, r.hmacOnly)} |`);
    if (size >= 30_000)
      out.target(`verifyForward within 1.5x of HMAC-only at ${label}`, r.forward / r.hmacOnly <= 1.5, x(r.forward, r.hmacOnly));
  }
  out.print();
}
