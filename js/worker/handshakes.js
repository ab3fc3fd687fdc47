// @ts-check
// The handshakes the gateway answers itself, forwarding nothing. Which one a provider uses is data: the
// registry's `handshake` (src/providers/<id>.json). Each is answered only once the delivery has verified,
// except the two that carry no signature at all:
// - WooCommerce's creation ping: `webhook_id=<n>` as a form, unsigned, sent once when a webhook is saved;
//   WooCommerce activates the webhook only on a 2xx. It carries no event and no data.
// - Asana's: a POST with `X-Hook-Secret` and no signature, which Asana expects echoed back. Echoing a value
//   to the one who sent it reveals nothing; nothing is forwarded and nothing is kept (docs/gateway.md).
// After verification: Slack's url_verification (its challenge, as JSON), Zoom's endpoint.url_validation
// (the plain token and its HMAC-SHA256 under the secret that verified), Twitch's
// webhook_callback_verification (its challenge, as text) and Xero's intent to receive (an empty 200).

const WOOCOMMERCE_PING = /^webhook_id=\d{1,19}$/;

/**
 * The answer to a handshake that carries no signature, or null when the delivery is not one.
 * @param {string | null} handshake the provider's (registry) @param {string} provider
 * @param {Headers} headers @param {Uint8Array} body
 * @returns {{ response: Response, outcome: string } | null}
 */
export function unsignedHandshake(handshake, provider, headers, body) {
  if (provider === "woocommerce" && !headers.has("x-wc-webhook-signature") && body.length <= 32) {
    if (WOOCOMMERCE_PING.test(new TextDecoder().decode(body)))
      return { response: Response.json({ ok: true, ping: true }), outcome: "ping" };
  }
  if (handshake !== "asana") return null;
  const hookSecret = headers.get("x-hook-secret");
  if (hookSecret !== null && !headers.has("x-hook-signature")) {
    return { response: new Response(null, { status: 200, headers: { "x-hook-secret": hookSecret } }), outcome: "handshake" };
  }
  return null;
}

/**
 * The answer to a verified event that is a handshake, or null when it is an event to forward.
 * `secretThatVerified` finds the configured secret the delivery was signed with (Zoom's answer uses it).
 * @param {string | null} handshake
 * @param {{ type: string, body: Uint8Array }} event
 * @param {() => string | null} secretThatVerified
 * @returns {Promise<Response | null>}
 */
export async function verifiedHandshake(handshake, event, secretThatVerified) {
  const data = () => JSON.parse(new TextDecoder().decode(event.body)).data ?? {};
  if (handshake === "slack" && event.type === "url_verification") {
    const { challenge } = data();
    return typeof challenge === "string" ? Response.json({ challenge }) : null;
  }
  if (handshake === "twitch" && event.type === "webhook_callback_verification") {
    const { challenge } = data();
    return typeof challenge === "string" ? new Response(challenge, { headers: { "content-type": "text/plain" } }) : null;
  }
  if (handshake === "xero" && event.type === "intent_to_receive") return new Response(null, { status: 200 });
  if (handshake === "zoom" && event.type === "endpoint.url_validation") {
    const plainToken = data().payload?.plainToken;
    const secret = secretThatVerified();
    if (typeof plainToken !== "string" || secret === null) return null;
    return Response.json({ plainToken, encryptedToken: await hmacSha256Hex(secret, plainToken) });
  }
  return null;
}

/** Hex HMAC-SHA256 of `message` under `secret` (Zoom's encryptedToken). @param {string} secret @param {string} message */
async function hmacSha256Hex(secret, message) {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(message)));
  return Array.from(mac, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
