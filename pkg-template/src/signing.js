// @ts-check
// Signing. For the origin (the gateway's forward, signed again per Standard Webhooks): in the core module.
// As senders do (tests, simulations, the CLI, the inspector's sign mode): in the tools module, since a
// receiver never needs it. Where each provider puts its credential is the core's knowledge
// (scheme::sign_delivery); this only crosses once and maps.
import { text } from "./boundary.js";
import { providerField, senderSecret } from "./declared.js";
import { field, headerFields, keyFields } from "./frame.js";

/**
 * @typedef {import("./index.js").ProviderId} ProviderId
 * @typedef {import("./index.js").ProviderDeclaration} ProviderDeclaration
 * @typedef {import("./index.js").SignOptions} SignOptions
 * @typedef {import("./index.js").SignedDelivery} SignedDelivery
 * @typedef {import("./index.js").HmacScheme} HmacScheme
 * @typedef {import("./boundary.js").Boundary} Boundary
 * @typedef {import("./boundary.js").Body} Body
 * @typedef {import("./boundary.js").WasmModule & { signForOrigin(frameLength: number, bodyLength: number, now: number): void }} OriginSigningModule
 * @typedef {import("./boundary.js").WasmModule & {
 *   sign(frameLength: number, bodyLength: number, timestamp: number): void,
 * }} SenderSigningModule
 */

const now = () => Math.floor(Date.now() / 1000);

/** `[name, value, name, value…]` as an object. @param {string[]} pairs */
function pairsToObject(pairs) {
  /** @type {Record<string, string>} */
  const object = {};
  for (let i = 0; i < pairs.length; i += 2) object[pairs[i]] = pairs[i + 1];
  return object;
}

/** @param {OriginSigningModule} wasm @param {Boundary} boundary */
export function originSigning(wasm, boundary) {
  /**
   * The Standard Webhooks headers that sign an event for the origin: `webhook-id` (the event id,
   * header-safe), `webhook-timestamp`, `webhook-signature`.
   * @param {Body} event the event's JSON, as it will be sent
   * @param {string} id
   * @param {string} forwardSecret `whsec_…`, at least 16 bytes
   * @param {number} [timestamp]
   * @returns {{ "webhook-id": string, "webhook-timestamp": string, "webhook-signature": string }}
   */
  return function signForOrigin(event, id, forwardSecret, timestamp = now()) {
    const frame = keyFields("forwardSecret", forwardSecret) + field("id", String(id));
    const [frameLength, bodyLength] = boundary.stage(frame, event, Number.POSITIVE_INFINITY, null);
    wasm.signForOrigin(frameLength, bodyLength, timestamp);
    const [webhookId, webhookTimestamp, signature] = boundary.answer(null).head;
    return { "webhook-id": webhookId, "webhook-timestamp": webhookTimestamp, "webhook-signature": signature };
  };
}

/** @param {SenderSigningModule} wasm @param {Boundary} boundary */
export function senderSigning(wasm, boundary) {
  /**
   * One crossing into the core's signing; the answer is read, then wiped (it carries a key).
   * @param {ProviderId | ProviderDeclaration} provider @param {Body} body @param {string} url
   * @param {Record<string, string>} headers the delivery's own (a sender may sign some: Contentful)
   * @param {{ secret?: string, token?: string, timestamp?: number, id?: string, hmac?: HmacScheme | null }} options
   */
  function sign(provider, body, url, headers, options) {
    const named = providerField(provider);
    let frame = named.frame + field("url", url) + field("id", String(options.id ?? "msg_hookgate")) + headerFields(headers);
    frame += keyFields("secret", senderSecret(provider, options.secret)) + keyFields("token", options.token);
    if (options.hmac != null) frame += field("hmac", JSON.stringify(options.hmac));
    const [frameLength, bodyLength] = boundary.stage(frame, body, Number.POSITIVE_INFINITY, named.id);
    wasm.sign(frameLength, bodyLength, options.timestamp ?? now());
    const { head, main } = boundary.answer(named.id);
    const signed = { head, body: text(main) };
    boundary.wipe();
    return signed;
  }

  /**
   * Puts a credential on a delivery the way `provider` sends it: signature or bearer headers, the
   * `?token=` URL parameter, or the secret field inside the JSON body.
   * @param {ProviderId | ProviderDeclaration} provider
   * @param {{ body: Body, headers?: Record<string, string>, url?: string }} delivery
   * @param {{ secret?: string, token?: string, timestamp?: number, id?: string, hmac?: HmacScheme | null }} [options]
   * @returns {SignedDelivery}
   */
  function signDelivery(
    provider,
    { body, headers = {}, url = `https://hookgate.invalid/webhooks/${providerField(provider).id}` },
    options = {},
  ) {
    const signed = sign(provider, body, url, headers, options);
    const [signedUrl, bodyChanged, ...pairs] = signed.head;
    return {
      headers: { ...headers, ...pairsToObject(pairs) },
      body: bodyChanged === "1" ? signed.body : /** @type {string} */ (body),
      url: signedUrl,
    };
  }

  /**
   * The headers a sender of `provider` would add to `body` (`signDelivery`'s, without a URL or a body to
   * change): a signature with its timestamp and id headers, or a bearer token; empty when its credential
   * travels in the URL or the body.
   * @param {ProviderId | ProviderDeclaration} provider
   * @param {SignOptions} options
   * @returns {Record<string, string>}
   */
  function signHeaders(provider, { secret, body, timestamp, id, hmac }) {
    // No URL: a sender that signs the one it calls needs signDelivery (`missing_url` here says so).
    const [, , ...pairs] = sign(provider, body, "", {}, { secret, token: secret, timestamp, id, hmac }).head;
    return pairsToObject(pairs);
  }

  return { signDelivery, signHeaders };
}
