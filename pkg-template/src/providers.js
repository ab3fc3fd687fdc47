// @ts-check
// The provider registry: written into registry.js by the build from the core's own description of each
// provider (src/providers/), so that the Worker-sized module need not carry the prose. No wasm call.
import { REGISTRY } from "./registry.js";

/** @typedef {import("./index.js").ProviderId} ProviderId @typedef {import("./index.js").ProviderDescription} ProviderDescription */

const IDS = new Set(REGISTRY.map((p) => p.id));

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
