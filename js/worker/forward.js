// @ts-check
// Posts a verified event to the origin and says how it went. Signing for the origin is the core's
// (verifyForward signs in the same call that verifies; signForOrigin signs again at each queued attempt).

/**
 * @typedef {"forwarded" | "origin_failed" | "origin_unreachable" | "origin_timeout"} Outcome
 * @typedef {{ outcome: Outcome, status: number | null }} Forwarded
 */

/**
 * POSTs `body` with `headers` to the origin. `forwarded` when it answered 2xx; `origin_failed` for any
 * other answer, a redirect included; `origin_unreachable` or `origin_timeout` when it did not answer.
 * @param {import("./config.js").Origin} origin
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
