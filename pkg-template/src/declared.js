// @ts-check
// A provider is named by its id (a built-in) or given as a declaration (a JSON object, docs/declarations.md):
// one reader of either, so that every entry takes both. A declaration is written into the frame as JSON
// once per object (kept in a WeakMap): the gateway verifies delivery after delivery with the same one.
// The module reads and checks it; a malformed one comes back as a TypeError naming the field.
import { unknownProvider } from "./errors.js";
import { field } from "./frame.js";
import { isProvider, normalizesBuiltIn } from "./providers.js";

/** @typedef {import("./index.js").ProviderId} ProviderId @typedef {import("./index.js").ProviderDeclaration} ProviderDeclaration */

/** Each declaration object's JSON text. @type {WeakMap<object, string>} */
const texts = new WeakMap();

/**
 * The frame field that names `provider`, and its id (for errors and events).
 * @param {ProviderId | ProviderDeclaration} provider
 * @returns {{ frame: string, id: string }}
 */
export function providerField(provider) {
  if (typeof provider === "string") {
    if (!isProvider(provider)) throw unknownProvider(provider);
    return { frame: field("provider", provider), id: provider };
  }
  if (provider === null || typeof provider !== "object" || Array.isArray(provider)) throw unknownProvider(provider);
  const id = /** @type {{ id?: unknown }} */ (provider).id;
  if (typeof id === "string" && isProvider(id)) {
    throw new TypeError(`hookgate: declaration.id "${id}" is a built-in provider's id; give the declaration another id`);
  }
  let text = texts.get(provider);
  if (text === undefined) {
    text = JSON.stringify(provider);
    texts.set(provider, text);
  }
  return { frame: field("declaration", text), id: typeof id === "string" ? id : "" };
}

/**
 * A `secret` option as `provider`'s sender keys with it: NFKD-normalized where the sender normalizes (a
 * built-in whose registry says so, EasyPost; a declaration with `key: "nfkd"`), else as given. The
 * module carries no Unicode tables, so the glue normalizes.
 * @template T @param {ProviderId | ProviderDeclaration | null | undefined} provider @param {T} secret @returns {T}
 */
export function senderSecret(provider, secret) {
  if (provider == null || !normalizes(provider)) return secret;
  const normalize = (/** @type {unknown} */ each) => (typeof each === "string" ? each.normalize("NFKD") : each);
  return /** @type {T} */ (Array.isArray(secret) ? secret.map(normalize) : normalize(secret));
}

/** @param {ProviderId | ProviderDeclaration} provider */
function normalizes(provider) {
  if (typeof provider === "string") return normalizesBuiltIn(/** @type {ProviderId} */ (provider));
  const credential = /** @type {{ credential?: unknown }} */ (provider).credential;
  const credentials = Array.isArray(credential) ? credential : [credential];
  return credentials.some((each) => each !== null && typeof each === "object" && /** @type {{ key?: unknown }} */ (each).key === "nfkd");
}
