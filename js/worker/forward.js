// @ts-check
// Forwards a verified event to the origin, signed again per Standard Webhooks with FORWARD_SECRET, so
// the origin can check it with any Standard Webhooks library.
import { signHeaders } from "hookgate";

/** Header values must be visible ASCII; an id with anything else is sent percent-encoded. */
const headerSafe = (text) => (/^[\x21-\x7e]+$/.test(text) ? text : encodeURIComponent(text));

/**
 * POSTs `eventJson` to the origin. Resolves to `{ outcome, status }`: `forwarded` (the origin answered
 * 2xx), `origin_failed` (any other answer, a redirect included), `origin_unreachable` or `origin_timeout`.
 * @param {import("./config.js").Origin} origin
 * @param {string} eventJson
 * @param {{ id: string, type: string, provider: string }} head
 * @returns {Promise<{ outcome: "forwarded" | "origin_failed" | "origin_unreachable" | "origin_timeout", status: number | null }>}
 */
export async function forwardEvent(origin, eventJson, head) {
  const webhookId = headerSafe(head.id);
  const signed = signHeaders("standard-webhooks", {
    secret: origin.forwardSecret,
    body: eventJson,
    id: webhookId,
    timestamp: Math.floor(Date.now() / 1000),
  });
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), origin.timeoutMs);
  try {
    const response = await fetch(origin.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...signed,
        "hookgate-provider": head.provider,
        "hookgate-event-type": headerSafe(head.type),
      },
      body: eventJson,
      signal: controller.signal,
      // Never follow a redirect: a 301/302 turns the POST into a GET that may answer 200 for an event
      // nobody received, and a 307/308 would send the signed event wherever Location points.
      redirect: "manual",
    });
    await response.body?.cancel();
    const taken = response.status >= 200 && response.status < 300;
    return { outcome: taken ? "forwarded" : "origin_failed", status: response.status };
  } catch {
    return { outcome: controller.signal.aborted ? "origin_timeout" : "origin_unreachable", status: null };
  } finally {
    clearTimeout(timer);
  }
}
