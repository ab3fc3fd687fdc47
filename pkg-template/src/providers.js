// @ts-check
// The provider registry: written into registry.js by the build from the core's own description of each
// provider (src/providers/), so that the Worker-sized module need not carry the prose. No wasm call.
import { REGISTRY } from "./registry.js";

/** @typedef {import("./index.js").ProviderId} ProviderId @typedef {import("./index.js").ProviderDescription} ProviderDescription */

const IDS = new Set(REGISTRY.map((p) => p.id));
/** Providers whose sender keys its HMAC with the secret NFKD-normalized (the module has no Unicode tables). */
const NFKD = new Set(REGISTRY.filter((p) => p.credentials.some((c) => c.normalize === "NFKD")).map((p) => p.id));

/** Whether `id` names a provider this build knows. @param {unknown} id @returns {id is ProviderId} */
export const isProvider = (id) => IDS.has(/** @type {any} */ (id));

/**
 * The providers this build knows: `[{ id, name, docsUrl, secretFormat, events, credentials }]` (a copy
 * the caller may change).
 * @returns {ProviderDescription[]}
 */
export function providers() {
  return REGISTRY.map((p) => ({ ...p, credentials: p.credentials.map((c) => ({ ...c })) }));
}

/**
 * A `secret` option as `provider`'s sender keys with it: NFKD-normalized where the sender normalizes
 * (EasyPost), else as given.
 * @template T @param {string | null | undefined} provider @param {T} secret @returns {T}
 */
export function senderSecret(provider, secret) {
  if (provider == null || !NFKD.has(/** @type {ProviderId} */ (provider))) return secret;
  const normalize = (/** @type {unknown} */ each) => (typeof each === "string" ? each.normalize("NFKD") : each);
  return /** @type {T} */ (Array.isArray(secret) ? secret.map(normalize) : normalize(secret));
}
