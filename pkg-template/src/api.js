// The package's JS API over the wasm exports. Thin on purpose: it converts inputs (Headers, objects
// or pairs; strings or bytes) and maps errors to HookgateError. Verification happens in Rust only.
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_TOLERANCE_SECONDS, limitOption } from "./defaults.js";
import * as wasm from "./hookgate.js";

export { DEFAULT_MAX_BODY_BYTES, DEFAULT_TOLERANCE_SECONDS } from "./defaults.js";

const encoder = new TextEncoder();

/** A rejected delivery: `.code` is stable (see the README), `.message` never contains a secret. */
export class HookgateError extends Error {
  constructor(code, message, provider) {
    super(message);
    this.name = "HookgateError";
    this.code = code;
    this.provider = provider;
  }
}

let registry;
let providerIds;
/** The registry as the core describes it, read once. */
const registryData = () => (registry ??= JSON.parse(wasm.providers()));

/**
 * The providers this build knows: `[{ id, name, docsUrl, secretFormat, events, credentials }]` (a copy
 * the caller may change).
 */
export function providers() {
  return registryData().map((p) => ({ ...p, credentials: p.credentials.map((c) => ({ ...c })) }));
}

function knownProvider(provider) {
  providerIds ??= new Set(registryData().map((p) => p.id));
  return providerIds.has(provider);
}

/** The event as a JSON string (the forwarding path: no JS objects are built). Throws HookgateError. */
export function verifyJson(provider, request, options = {}) {
  if (!knownProvider(provider)) throw unknownProvider(provider);
  if (request === null || typeof request !== "object") throw new TypeError("hookgate: request must be { headers, body, url? }");
  const maxBodyBytes = limitOption(options.maxBodyBytes, "maxBodyBytes", DEFAULT_MAX_BODY_BYTES);
  // The size is checked before the body is copied into wasm memory, which never shrinks.
  const body = stageBody(request.body, maxBodyBytes, provider);
  try {
    return wasm.verifyJson(provider, ...wasmArguments(request, body, options, maxBodyBytes));
  } catch (error) {
    throw fromWasm(error, provider);
  }
}

const unknownProvider = (provider) =>
  new HookgateError("unknown_provider", `unknown provider ${JSON.stringify(String(provider)).slice(0, 80)}`, provider);

/** The arguments after the provider that the wasm `verifyJson` and `explain` both take. */
function wasmArguments(request, body, options, maxBodyBytes) {
  return [
    joinHeaders(request.headers),
    body,
    request.url == null ? undefined : String(request.url),
    keyList(options.secret, "secret"),
    keyList(options.token, "token"),
    limitOption(options.toleranceSeconds, "toleranceSeconds", DEFAULT_TOLERANCE_SECONDS),
    maxBodyBytes,
    options.now ?? Math.floor(Date.now() / 1000),
    options.hmac == null ? undefined : JSON.stringify(options.hmac),
  ];
}

const EVENT_HEAD = /^\{"provider":("(?:[^"\\]|\\.)*"),"id":("(?:[^"\\]|\\.)*"),"type":("(?:[^"\\]|\\.)*")/;

/**
 * `{ provider, id, type }` of an event JSON string from `verifyJson`, read from its first fields without
 * parsing the payload (the core always writes them first, in this order).
 */
export function eventHead(json) {
  const head = EVENT_HEAD.exec(json);
  if (!head) throw new TypeError("hookgate: not an event from verifyJson");
  return { provider: JSON.parse(head[1]), id: JSON.parse(head[2]), type: JSON.parse(head[3]) };
}

/**
 * Why a delivery does or does not verify, step by step (for the inspector and `hookgate verify`):
 * `{ provider, detected, verdict: "verified" | "rejected", code, message, steps: [{ title, status, detail }], event }`.
 * `provider` may be null to detect it. Never throws for a bad delivery; never shows a secret.
 */
export function explain(provider, request, options = {}) {
  if (provider != null && !knownProvider(provider)) throw unknownProvider(provider);
  const maxBodyBytes = limitOption(options.maxBodyBytes, "maxBodyBytes", DEFAULT_MAX_BODY_BYTES);
  // An over-size body is explained too (up to four times the limit), so it is let through here.
  const body = stageBody(request.body, Math.max(maxBodyBytes, 0) * 4 + 1024, provider);
  try {
    return JSON.parse(wasm.explain(provider ?? undefined, ...wasmArguments(request, body, options, maxBodyBytes)));
  } catch (error) {
    throw fromWasm(error, provider);
  }
}

/** The normalized event. Throws HookgateError. */
export function verify(provider, request, options) {
  return JSON.parse(verifyJson(provider, request, options));
}

export const verifyRedo = (request, options) => verify("redo", request, options);
export const verifyBaback = (request, options) => verify("baback", request, options);
export const verifyReturnsCloud = (request, options) => verify("returns-cloud", request, options);
export const verifyReReady = (request, options) => verify("reready", request, options);
export const verifyStandardWebhooks = (request, options) => verify("standard-webhooks", request, options);

/**
 * The headers a sender of `provider` would add to `body` (for tests, simulations and the CLI), as an
 * object: the signature with its timestamp and id headers, or the bearer header. Empty for providers
 * whose credential travels in the URL (`?token=`) or inside the body (Baback).
 */
export function signHeaders(provider, { secret, body, timestamp = Math.floor(Date.now() / 1000), id = "msg_hookgate", hmac } = {}) {
  if (!knownProvider(provider)) throw unknownProvider(provider);
  try {
    const flat = wasm.signHeaders(provider, String(secret), stageBody(body, Infinity), timestamp, String(id), hmac == null ? undefined : JSON.stringify(hmac));
    const headers = {};
    for (let i = 0; i < flat.length; i += 2) headers[flat[i]] = flat[i + 1];
    return headers;
  } catch (error) {
    throw fromWasm(error, provider);
  }
}

/**
 * Puts a credential on a delivery the way `provider` sends it (for tests, the CLI, samples and the
 * inspector): its first credential scheme decides: signature or bearer headers, the URL parameter, or the
 * secret field inside the JSON body. Returns `{ headers, body, url }`.
 */
export function signDelivery(provider, { body, headers = {}, url = `https://hookgate.invalid/webhooks/${provider}` }, options = {}) {
  const description = registryData().find((p) => p.id === provider);
  if (!description) throw unknownProvider(provider);
  const [first] = description.credentials;
  const key = first.option === "token" ? options.token : options.secret;
  if (first.scheme === "url-token") {
    const signed = new URL(url);
    signed.searchParams.set(first.param, key);
    return { headers: { ...headers }, body, url: signed.toString() };
  }
  if (first.scheme === "body-secret") {
    const payload = JSON.parse(body);
    const parent = first.path.slice(0, -1).reduce((object, name) => (object[name] ??= {}), payload);
    parent[first.path.at(-1)] = key;
    return { headers: { ...headers }, body: JSON.stringify(payload), url };
  }
  const signed = signHeaders(provider, { ...options, secret: key, body });
  return { headers: { ...headers, ...signed }, body, url };
}

/** The `X-ReReady-Signature-512` header value ReReady would send (for tests and simulation). */
export function signReReady(body, secret, timestamp = Math.floor(Date.now() / 1000)) {
  return signHeaders("reready", { secret, body, timestamp })["X-ReReady-Signature-512"];
}

/** The `webhook-signature` header value a Standard Webhooks sender would send. */
export function signStandardWebhooks(id, timestamp, body, secret) {
  return signHeaders("standard-webhooks", { secret, body, timestamp, id })["webhook-signature"];
}

/** The id of the provider a delivery most likely comes from (by its signature header, else its payload's keys), or null. */
export function detectProvider(request) {
  return wasm.detect(joinHeaders(request.headers), stageBody(request.body, DEFAULT_MAX_BODY_BYTES)) ?? null;
}

function fromWasm(error, provider) {
  if (typeof error !== "string") return error; // a trap or a bug, not a verdict: never disguise it
  const newline = error.indexOf("\n");
  return new HookgateError(error.slice(0, newline), error.slice(newline + 1), provider);
}

function tooLarge(limit, provider) {
  return new HookgateError("payload_too_large", `the body is larger than the limit of ${limit} bytes`, provider);
}

/**
 * Writes `body` into the module's body buffer and returns its length in bytes, the argument the wasm
 * calls take. A string is encoded straight into wasm memory: `TextEncoder.encode` would first allocate
 * and fill a copy in JS (at 300 KB: 124 µs, against 11 µs for encodeInto).
 */
function stageBody(body, limit, provider) {
  if (typeof body === "string") {
    // UTF-8 never has fewer bytes than UTF-16 code units: a long string is too large before encoding it.
    if (body.length > limit) throw tooLarge(limit, provider);
    // ASCII takes one byte per code unit. encodeInto stops before the first character that does not
    // fit, and the rest takes at most three bytes per code unit (a surrogate pair: four for two).
    let { read, written } = encoder.encodeInto(body, bodyView(body.length));
    if (read < body.length) {
      const rest = body.slice(read);
      written += encoder.encodeInto(rest, bodyView(written + rest.length * 3).subarray(written)).written;
    }
    if (written > limit) throw tooLarge(limit, provider);
    return written;
  }
  let bytes;
  if (body instanceof Uint8Array) {
    bytes = body;
  } else if (body instanceof ArrayBuffer) {
    bytes = new Uint8Array(body);
  } else if (ArrayBuffer.isView(body)) {
    bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  } else if (body == null) {
    bytes = new Uint8Array(0);
  } else {
    throw new TypeError("hookgate: body must be a string, Uint8Array or ArrayBuffer");
  }
  if (bytes.byteLength > limit) throw tooLarge(limit, provider);
  bodyView(bytes.byteLength).set(bytes);
  return bytes.byteLength;
}

let memory;
/** `length` writable bytes of the module's body buffer (a fresh view: memory may have grown since). */
function bodyView(length) {
  const address = wasm.bodyBuffer(length);
  return new Uint8Array((memory ??= wasm.wasmMemory()).buffer, address, length);
}

/**
 * Headers as one string, `name\nvalue\nname\nvalue…`, for the wasm side: a `Headers`, a plain object (any
 * case, array values for repeated headers) or `[name, value]` pairs. A header whose name or value holds a
 * line break cannot have come over HTTP and is left out (a credential left out fails closed).
 */
function joinHeaders(headers) {
  let joined = "";
  const add = (name, value) => {
    if (value == null) return;
    if (Array.isArray(value)) {
      for (const each of value) add(name, each);
      return;
    }
    const [n, v] = [String(name), String(value)];
    if (n.includes("\n") || n.includes("\r") || v.includes("\n") || v.includes("\r")) return;
    joined += joined ? `\n${n}\n${v}` : `${n}\n${v}`;
  };
  if (headers == null) return joined;
  if (typeof headers.forEach === "function" && typeof headers.get === "function") {
    headers.forEach((value, name) => add(name, value)); // Headers (Fetch API)
  } else if (Array.isArray(headers) || typeof headers[Symbol.iterator] === "function") {
    for (const [name, value] of headers) add(name, value); // [name, value] pairs
  } else {
    for (const name in headers) if (Object.hasOwn(headers, name)) add(name, headers[name]); // plain object, any case
  }
  return joined;
}

function keyList(value, name) {
  if (value == null) return [];
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value;
  throw new TypeError(`hookgate: options.${name} must be a string or an array of strings`);
}
