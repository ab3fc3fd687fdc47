// Forwards a verified event to the origin, signed again per Standard Webhooks with FORWARD_SECRET, so
// the origin can check it with any Standard Webhooks library.
import { signHeaders } from "hookgate";

/** Header values must be visible ASCII; an id with anything else is sent percent-encoded. */
const headerSafe = (text) => (/^[\x21-\x7e]+$/.test(text) ? text : encodeURIComponent(text));

/**
 * POSTs `eventJson` to the origin. Resolves to `{ outcome, status }`: `forwarded` (origin answered 2xx),
 * `origin_failed` (any other answer), `origin_unreachable` or `origin_timeout`.
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
    });
    await response.body?.cancel();
    return { outcome: response.ok ? "forwarded" : "origin_failed", status: response.status };
  } catch {
    return { outcome: controller.signal.aborted ? "origin_timeout" : "origin_unreachable", status: null };
  } finally {
    clearTimeout(timer);
  }
}
