// @ts-check
// Signing. For the origin (the gateway's forward, signed again per Standard Webhooks): in the core module.
// As senders do (tests, simulations, the CLI, the inspector's sign mode): in the tools module, since a
// receiver never needs it. Where each provider puts its credential is the core's knowledge
// (scheme::sign_delivery); this only crosses once and maps.
import { text } from "./boundary.js";
import { unknownProvider } from "./errors.js";
import { field, keyFields } from "./frame.js";
import { isProvider, senderSecret } from "./providers.js";

/**
 * @typedef {import("./index.js").ProviderId} ProviderId
 * @typedef {import("./index.js").SignOptions} SignOptions
 * @typedef {import("./index.js").SignedDelivery} SignedDelivery
 * @typedef {import("./index.js").HmacScheme} HmacScheme
 * @typedef {import("./boundary.js").Boundary} Boundary
 * @typedef {import("./boundary.js").Body} Body
 * @typedef {import("./boundary.js").WasmModule & { signForOrigin(frameLength: number, bodyLength: number, now: number): void }} OriginSigningModule
 * @typedef {import("./boundary.js").WasmModule & {
 *   sign(frameLength: number, bodyLength: number, timestamp: number, headersOnly: boolean): void,
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
   * One crossing into the core's signing.
   * @param {ProviderId} provider @param {Body} body @param {string} url
   * @param {{ secret?: string, token?: string, timestamp?: number, id?: string, hmac?: HmacScheme | null }} options
   * @param {boolean} headersOnly
   */
  function sign(provider, body, url, options, headersOnly) {
    if (!isProvider(provider)) throw unknownProvider(provider);
    let frame = field("provider", provider) + field("url", url) + field("id", String(options.id ?? "msg_hookgate"));
    frame += keyFields("secret", senderSecret(provider, options.secret)) + keyFields("token", options.token);
    if (options.hmac != null) frame += field("hmac", JSON.stringify(options.hmac));
    const [frameLength, bodyLength] = boundary.stage(frame, body, Number.POSITIVE_INFINITY, provider);
    wasm.sign(frameLength, bodyLength, options.timestamp ?? now(), headersOnly);
    const { head, main } = boundary.answer(provider);
    const signed = { head, body: text(main) };
    boundary.wipe();
    return signed;
  }

  /**
   * Puts a credential on a delivery the way `provider` sends it: signature or bearer headers, the
   * `?token=` URL parameter, or the secret field inside the JSON body.
   * @param {ProviderId} provider
   * @param {{ body: Body, headers?: Record<string, string>, url?: string }} delivery
   * @param {{ secret?: string, token?: string, timestamp?: number, id?: string, hmac?: HmacScheme | null }} [options]
   * @returns {SignedDelivery}
   */
  function signDelivery(provider, { body, headers = {}, url = `https://hookgate.invalid/webhooks/${provider}` }, options = {}) {
    const signed = sign(provider, body, url, options, false);
    const [signedUrl, bodyChanged, ...pairs] = signed.head;
    return {
      headers: { ...headers, ...pairsToObject(pairs) },
      body: bodyChanged === "1" ? signed.body : /** @type {string} */ (body),
      url: signedUrl,
    };
  }

  /**
   * The headers a sender of `provider` would add to `body`: the first credential that travels in
   * headers (a signature with its timestamp and id headers, or a bearer token); empty when none does.
   * @param {ProviderId} provider
   * @param {SignOptions} options
   * @returns {Record<string, string>}
   */
  function signHeaders(provider, { secret, body, timestamp, id, hmac }) {
    const [, , ...pairs] = sign(provider, body, "", { secret, timestamp, id, hmac }, true).head;
    return pairsToObject(pairs);
  }

  return {
    signDelivery,
    signHeaders,
    /** The `X-ReReady-Signature-512` value ReReady would send. @param {string | Uint8Array | ArrayBuffer} body @param {string} secret @param {number} [timestamp] */
    signReReady: (body, secret, timestamp = now()) => signHeaders("reready", { secret, body, timestamp })["X-ReReady-Signature-512"],
    /** The `webhook-signature` value a Standard Webhooks sender would send. @param {string} id @param {number} timestamp @param {string | Uint8Array | ArrayBuffer} body @param {string} secret */
    signStandardWebhooks: (id, timestamp, body, secret) =>
      signHeaders("standard-webhooks", { secret, body, timestamp, id })["webhook-signature"],
  };
}
