// @ts-check
// A call's frame: the request and its options as NUL-ended fields, each opened by a one-letter tag
// (src/bindings/frame.rs reads them; the two tag tables are checked against each other). A value holding
// a NUL would end its field early and have the rest read as other fields (a secret added, a key
// replaced), so `field` is the one writer and refuses one. Callers decide what such a value means first:
// a header holding NUL cannot have come over HTTP and is left out (a credential left out fails closed),
// a URL holding one is a rejected delivery, and an option holding one is a TypeError.

/** @typedef {import("./index.js").HeadersInput} HeadersInput */

/** The tags, by field. */
export const TAG = /** @type {const} */ ({
  provider: "P",
  url: "U",
  header: "H",
  secret: "S",
  token: "T",
  hmac: "M",
  forwardSecret: "F",
  id: "I",
  showSigning: "R",
  declaration: "D",
  method: "V",
});

/** @typedef {keyof typeof TAG} FieldName */

/**
 * One field. A value holding NUL is a TypeError naming the field.
 * @param {FieldName} name
 * @param {string} value
 */
export function field(name, value) {
  if (value.includes("\0")) throw new TypeError(`hookgate: ${name} cannot hold a NUL character`);
  return `${TAG[name]}${value}\0`;
}

/**
 * The `H` fields of every header: a `Headers` (or anything with `forEach` and `get`, a `Map` too), a plain
 * object (any case, array values for repeated headers) or `[name, value]` pairs. A header whose name or
 * value holds NUL is left out.
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
    if (!n.includes("\0") && !v.includes("\0")) out += field("header", n) + field("header", v);
  };
  const any = /** @type {any} */ (headers);
  if (typeof any.forEach === "function" && typeof any.get === "function") {
    /** @type {Headers} */ (headers).forEach((value, name) => {
      add(name, value);
    });
  } else if (Array.isArray(headers) || typeof any[Symbol.iterator] === "function") {
    for (const [name, value] of /** @type {Iterable<readonly [string, string]>} */ (headers)) add(name, value);
  } else {
    const object = /** @type {Record<string, unknown>} */ (headers);
    for (const name in object) if (Object.hasOwn(object, name)) add(name, object[name]);
  }
  return out;
}

/**
 * The fields of a key option (`secret`, `token`, `forwardSecret`): a string or an array of strings.
 * @param {"secret" | "token" | "forwardSecret"} name
 * @param {unknown} value
 */
export function keyFields(name, value) {
  if (value == null) return "";
  if (typeof value === "string") return field(name, value);
  if (!Array.isArray(value) || name === "forwardSecret") throw notKeys(name);
  let out = "";
  for (const each of value) {
    if (typeof each !== "string") throw notKeys(name);
    out += field(name, each);
  }
  return out;
}

/** @param {string} name */
const notKeys = (name) =>
  new TypeError(`hookgate: options.${name} must be a string${name === "forwardSecret" ? "" : " or an array of strings"}`);
