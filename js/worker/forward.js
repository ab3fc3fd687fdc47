// @ts-check
// Posts a verified event to an origin and says how it went. Signing for the origin is the core's
// (verifyForward signs in the same call that verifies; signForOrigin signs for a route with its own key,
// and again at each queued attempt).
import { signForOrigin } from "hookgate";

/**
 * @typedef {"forwarded" | "origin_failed" | "origin_unreachable" | "origin_timeout"} Outcome
 * @typedef {{ outcome: Outcome, status: number | null }} Forwarded
 */

/**
 * POSTs `body` with `headers` to the origin. `forwarded` when it answered 2xx; `origin_failed` for any
 * other answer, a redirect included; `origin_unreachable` or `origin_timeout` when it did not answer.
 * @param {{ url: string, timeoutMs: number }} origin
 * @param {Uint8Array} body
 * @param {Record<string, string>} headers
 * @returns {Promise<Forwarded>}
 */
export async function postToOrigin(origin, body, headers) {
  // AbortSignal.timeout rather than a controller and a timer: no timer to clear on every delivery.
  const signal = AbortSignal.timeout(origin.timeoutMs);
  try {
    const response = await fetch(origin.url, {
      method: "POST",
      headers,
      body,
      signal,
      // Never follow a redirect: a 301/302 turns the POST into a GET that may answer 200 for an event
      // nobody received, and a 307/308 would send the signed event wherever Location points.
      redirect: "manual",
    });
    await response.body?.cancel();
    const taken = response.status >= 200 && response.status < 300;
    return { outcome: taken ? "forwarded" : "origin_failed", status: response.status };
  } catch {
    return { outcome: signal.aborted ? "origin_timeout" : "origin_unreachable", status: null };
  }
}

/**
 * Forwards `event` to every route at once (the sender waits for the slowest, at most the largest
 * `timeoutMs`), each forward signed with its route's key and naming its route. Returns how each went.
 * @param {import("./routes.js").Route[]} routes
 * @param {import("hookgate").ForwardableEvent} event
 * @returns {Promise<Record<string, Forwarded>>}
 */
export async function forwardToRoutes(routes, event) {
  /** @type {Map<string, Record<string, string>>} */
  const signatures = new Map();
  const signedFor = (/** @type {string} */ secret) => {
    if (!signatures.has(secret)) signatures.set(secret, signForOrigin(event.body, event.id, secret));
    return /** @type {Record<string, string>} */ (signatures.get(secret));
  };
  const forwarded = await Promise.all(
    routes.map((route) => {
      // verifyForward signed already when every route shares one key.
      const signed = event.headers["webhook-signature"] ? {} : signedFor(route.forwardSecret);
      return postToOrigin(route, event.body, { ...event.headers, ...signed, "hookgate-route": route.name });
    }),
  );
  return Object.fromEntries(routes.map((route, index) => [route.name, forwarded[index]]));
}
