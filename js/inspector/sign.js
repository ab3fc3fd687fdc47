// @ts-check
// Sign mode: a body and a secret become what the provider's sender would send (headers, a URL token or
// a field in the body), with the core's own signDelivery, as header lines and as a curl command.
import { signDelivery } from "hookgate/explain";

/**
 * @typedef {import("hookgate/explain").ProviderId} ProviderId
 * @typedef {import("hookgate/explain").SignedDelivery} SignedDelivery
 */

/** A word for a POSIX shell, single-quoted. @param {string} text */
const quote = (text) => `'${text.replaceAll("'", "'\\''")}'`;

/** The delivery as a curl command. @param {SignedDelivery} delivery */
export function curlCommand(delivery) {
  const lines = [`curl -X POST ${quote(delivery.url)}`];
  for (const [name, value] of Object.entries(delivery.headers)) lines.push(`  -H ${quote(`${name}: ${value}`)}`);
  lines.push(`  --data-binary ${quote(delivery.body)}`);
  return lines.join(" \\\n");
}

/**
 * Signs `body` for `provider` with the first secret or token, at `now` (unix seconds).
 * @param {ProviderId | import("hookgate/explain").ProviderDeclaration} provider
 * @param {{ body: string, url: string, secrets: string[], tokens: string[], now: number, hmac?: import("hookgate/explain").VerifyOptions["hmac"] }} input
 * @returns {SignedDelivery}
 */
export function signAsSender(provider, { body, url, secrets, tokens, now, hmac }) {
  const secret = secrets[0];
  const token = tokens[0];
  if (secret === undefined && token === undefined) throw new Error("enter the secret (or token) the sender holds, to sign with it");
  return signDelivery(
    provider,
    { body, url: url || `https://example.com/webhooks/${typeof provider === "string" ? provider : provider.id}` },
    { secret, token, timestamp: now, hmac },
  );
}
