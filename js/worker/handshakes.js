// @ts-check
// The two provider handshakes the gateway answers itself, forwarding nothing:
// - WooCommerce's creation ping: `webhook_id=<n>` as a form, unsigned, sent once when a webhook is saved;
//   WooCommerce activates the webhook only if it gets a 2xx. It carries no event and no data, so a 200
//   gives nothing away; anything else unsigned is still rejected.
// - Slack's URL verification: a signed `url_verification` event whose `challenge` Slack expects back in
//   the answer's body. It is answered only once it has verified.

const WOOCOMMERCE_PING = /^webhook_id=\d{1,19}$/;

/**
 * Whether an unverified delivery is WooCommerce's creation ping.
 * @param {string} provider @param {Headers} headers @param {Uint8Array} body
 */
export function isWooCommercePing(provider, headers, body) {
  if (provider !== "woocommerce" || headers.has("x-wc-webhook-signature") || body.length > 32) return false;
  return WOOCOMMERCE_PING.test(new TextDecoder().decode(body));
}

/**
 * Slack's challenge, when a verified event is its URL verification; else null.
 * @param {{ provider: string, type: string, body: Uint8Array }} event
 * @returns {string | null}
 */
export function slackChallenge(event) {
  if (event.provider !== "slack" || event.type !== "url_verification") return null;
  const challenge = JSON.parse(new TextDecoder().decode(event.body)).data?.challenge;
  return typeof challenge === "string" ? challenge : null;
}
