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
 * The providers this build knows: `[{ id, name, docsUrl, secretFormat, events, sends, handshake,
 * credentials }]` (a copy
 * the caller may change).
 * @returns {ProviderDescription[]}
 */
export function providers() {
  return REGISTRY.map((p) => ({ ...p, sends: { ...p.sends }, credentials: p.credentials.map((c) => ({ ...c })) }));
}

/** Whether the built-in `id`'s sender keys its HMAC with the secret NFKD-normalized. @param {ProviderId} id */
export const normalizesBuiltIn = (id) => NFKD.has(id);
