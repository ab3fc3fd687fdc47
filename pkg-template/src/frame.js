// @ts-check
// A call's frame: the request and its options as NUL-ended fields, each opened by a one-letter tag
// (src/bindings/frame.rs reads them). NUL cannot occur in an HTTP header, a URL or JSON text; a header
// holding one cannot have come over HTTP and is left out (a credential left out fails closed), and a
// secret holding one is a TypeError.

/** @typedef {import("./index.js").HeadersInput} HeadersInput */

/** One field. @param {string} tag @param {string} value */
export const field = (tag, value) => `${tag}${value}\0`;

/**
 * The `H` fields of every header: a `Headers`, a plain object (any case, array values for repeated
 * headers) or `[name, value]` pairs.
 * @param {HeadersInput | null | undefined} headers
 */
export function headerFields(headers) {
  let out = "";
  if (headers == null) return out;
  /** @param {unknown} name @param {unknown} value */
  const add = (name, value) => {
    if (value == null) return;
    if (Array.isArray(value)) {
      for (const each of value) add(name, each);
      return;
    }
    const [n, v] = [String(name), String(value)];
    if (!n.includes("\0") && !v.includes("\0")) out += `H${n}\0${v}\0`;
  };
  if (typeof (/** @type {any} */ (headers).forEach) === "function" && typeof (/** @type {any} */ (headers).get) === "function") {
    // A Fetch Headers: its values cannot hold NUL.
    /** @type {Headers} */ (headers).forEach((value, name) => {
      out += `H${name}\0${value}\0`;
    });
  } else if (Array.isArray(headers) || typeof (/** @type {any} */ (headers)[Symbol.iterator]) === "function") {
    for (const [name, value] of /** @type {Iterable<readonly [string, string]>} */ (headers)) add(name, value);
  } else {
    const object = /** @type {Record<string, unknown>} */ (headers);
    for (const name in object) if (Object.hasOwn(object, name)) add(name, object[name]);
  }
  return out;
}

/**
 * The fields of a key option (`secret` or `token`): a string or an array of strings.
 * @param {string} tag
 * @param {unknown} value
 * @param {string} name
 */
export function keyFields(tag, value, name) {
  if (value == null) return "";
  if (typeof value === "string") return value.includes("\0") ? nulInKey(name) : `${tag}${value}\0`;
  if (!Array.isArray(value)) throw new TypeError(`hookgate: options.${name} must be a string or an array of strings`);
  let out = "";
  for (const each of value) {
    if (typeof each !== "string") throw new TypeError(`hookgate: options.${name} must be a string or an array of strings`);
    if (each.includes("\0")) nulInKey(name);
    out += `${tag}${each}\0`;
  }
  return out;
}

/** @param {string} name @returns {never} */
function nulInKey(name) {
  throw new TypeError(`hookgate: options.${name} cannot hold a NUL character`);
}
