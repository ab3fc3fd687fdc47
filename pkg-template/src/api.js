// @ts-check
// The verification API over a wasm module: verify, verifyJson, verifyForward (the gateway's path), and
// detectProvider (tools module only). Thin on purpose: it builds the frame, crosses once, and maps the
// answer. Verification happens in Rust only.
import { text } from "./boundary.js";
import { providerField, senderSecret } from "./declared.js";
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_TOLERANCE_SECONDS, limitOption } from "./defaults.js";
import { HookgateError } from "./errors.js";
import { field, headerFields, keyFields } from "./frame.js";

/**
 * @typedef {import("./index.js").ProviderId} ProviderId
 * @typedef {import("./index.js").ProviderDeclaration} ProviderDeclaration
 * @typedef {import("./index.js").WebhookRequest} WebhookRequest
 * @typedef {import("./index.js").VerifyOptions} VerifyOptions
 * @typedef {import("./index.js").ForwardOptions} ForwardOptions
 * @typedef {import("./index.js").ForwardableEvent} ForwardableEvent
 * @typedef {import("./index.js").HookEvent} HookEvent
 * @typedef {import("./boundary.js").Boundary} Boundary
 * @typedef {import("./boundary.js").WasmModule & {
 *   verify(frameLength: number, bodyLength: number, toleranceSeconds: number, maxBodyBytes: number, now: number): void,
 *   deliver(frameLength: number, bodyLength: number, toleranceSeconds: number, maxBodyBytes: number, now: number): void,
 *   checkDeclaration(frameLength: number): void,
 *   replayDigest(bodyLength: number): void,
 * }} VerifyingModule
 * @typedef {import("./boundary.js").WasmModule & { detect(frameLength: number, bodyLength: number): void }} DetectingModule
 */

/**
 * The frame of a verification: provider (an id or a declaration; none to detect it), URL, method,
 * headers and keys.
 * @param {ProviderId | ProviderDeclaration | null} provider
 * @param {WebhookRequest} request
 * @param {VerifyOptions} options
 */
export function requestFrame(provider, request, options) {
  if (request === null || typeof request !== "object") throw new TypeError("hookgate: request must be { headers, body, url? }");
  const named = provider == null ? null : providerField(provider);
  let frame = named?.frame ?? "";
  if (request.url != null) {
    const url = String(request.url);
    // A decoded URL (a Lambda adapter, decodeURIComponent) may hold one; no HTTP request can.
    if (url.includes("\0")) {
      throw new HookgateError("invalid_payload", "the request URL holds a NUL character, which no HTTP request carries", named?.id);
    }
    frame += field("url", url);
  }
  if (request.method != null) frame += field("method", String(request.method).toUpperCase());
  frame += headerFields(request.headers);
  frame += keyFields("secret", senderSecret(provider, options.secret));
  frame += keyFields("token", options.token);
  if (options.hmac != null) frame += field("hmac", typeof options.hmac === "string" ? options.hmac : JSON.stringify(options.hmac));
  return frame;
}

/**
 * The numbers every verification passes: tolerance, body limit, now.
 * @param {VerifyOptions} options
 * @returns {[number, number, number]}
 */
export function limits(options) {
  return [
    limitOption(options.toleranceSeconds, "toleranceSeconds", DEFAULT_TOLERANCE_SECONDS),
    limitOption(options.maxBodyBytes, "maxBodyBytes", DEFAULT_MAX_BODY_BYTES),
    options.now ?? Math.floor(Date.now() / 1000),
  ];
}

/**
 * What verifyForward returns. Its `replayDigest`, when it is a digest of the body, is made when first
 * read: a pass over the body that only durable mode's content key needs. A class, not an object literal
 * with a getter: V8 builds such a literal a microsecond slower, on every delivery.
 */
class Forwardable {
  /** @type {string | null | (() => string)} */
  #replayDigest;

  /**
   * @param {Omit<ForwardableEvent, "replayDigest">} event
   * @param {string | null | (() => string)} replayDigest the digest, or how to make it
   */
  constructor({ provider, id, type, subjectId, test, body, headers }, replayDigest) {
    this.provider = provider;
    this.id = id;
    this.type = type;
    this.subjectId = subjectId;
    this.test = test;
    this.body = body;
    this.headers = headers;
    this.#replayDigest = replayDigest;
  }

  get replayDigest() {
    if (typeof this.#replayDigest === "function") this.#replayDigest = this.#replayDigest();
    return this.#replayDigest;
  }

  /** As JSON, with the digest (a getter is not an own property). */
  toJSON() {
    return { ...this, replayDigest: this.replayDigest };
  }
}

/** @param {VerifyingModule} wasm @param {Boundary} boundary */
export function verificationApi(wasm, boundary) {
  /**
   * Verifies and normalizes in one crossing; returns the answer (valid until the next call).
   * @param {"verify" | "deliver"} entry
   * @param {ProviderId | ProviderDeclaration} provider
   * @param {WebhookRequest} request
   * @param {VerifyOptions & { forwardSecret?: string }} options
   */
  function run(entry, provider, request, options) {
    const id = provider == null ? null : providerField(provider).id;
    let frame = requestFrame(provider, request, options);
    frame += keyFields("forwardSecret", options.forwardSecret);
    const [toleranceSeconds, maxBodyBytes, now] = limits(options);
    const [frameLength, bodyLength] = boundary.stage(frame, request.body, maxBodyBytes, id);
    wasm[entry](frameLength, bodyLength, toleranceSeconds, maxBodyBytes, now);
    return boundary.answer(id);
  }

  /**
   * The event as a JSON string, without building JS objects. Throws HookgateError.
   * @param {ProviderId | ProviderDeclaration} provider @param {WebhookRequest} request @param {VerifyOptions} [options]
   * @returns {string}
   */
  function verifyJson(provider, request, options = {}) {
    return text(run("verify", provider, request, options).main);
  }

  /**
   * The normalized event. Throws HookgateError.
   * @param {ProviderId | ProviderDeclaration} provider @param {WebhookRequest} request @param {VerifyOptions} [options]
   * @returns {HookEvent}
   */
  function verify(provider, request, options = {}) {
    return JSON.parse(verifyJson(provider, request, options));
  }

  /**
   * The forwarding path in one crossing: verifies, normalizes, and with `forwardSecret` signs the
   * event for the origin (Standard Webhooks). The event comes back as bytes the caller may keep.
   * @param {ProviderId | ProviderDeclaration} provider @param {WebhookRequest} request @param {ForwardOptions} [options]
   * @returns {ForwardableEvent}
   */
  function verifyForward(provider, request, options = {}) {
    const { head, main, tail } = run("deliver", provider, request, options);
    const [providerId, id, type, webhookId, typeHeader, digest, subjectId, test] = head;
    /** @type {Record<string, string>} */
    const headers = {
      "content-type": "application/json",
      "webhook-id": webhookId,
      "hookgate-provider": providerId,
      "hookgate-event-type": typeHeader,
    };
    if (tail.length === 2) {
      headers["webhook-timestamp"] = tail[0];
      headers["webhook-signature"] = tail[1];
    }
    return new Forwardable(
      {
        provider: /** @type {ProviderId} */ (providerId),
        id,
        type,
        subjectId: subjectId ? subjectId.slice(1) : null,
        test: test === "1",
        body: main.slice(),
        headers,
      },
      digest === "body" ? () => bodyDigest(request.body) : digest || null,
    );
  }

  /** Hex SHA-256 of a body as received. @param {WebhookRequest["body"]} body */
  function bodyDigest(body) {
    const [, bodyLength] = boundary.stage("", body, Number.POSITIVE_INFINITY, null);
    wasm.replayDigest(bodyLength);
    return text(boundary.answer(null).main);
  }

  /**
   * Checks a declaration before any delivery needs it (the gateway reads `PROVIDERS` so): its id, and
   * whether a signature of it covers the URL the sender called; a TypeError naming the wrong field.
   * @param {ProviderDeclaration} declaration @returns {{ id: string, signsUrl: boolean }}
   */
  function checkDeclaration(declaration) {
    if (declaration === null || typeof declaration !== "object" || Array.isArray(declaration)) {
      throw new TypeError("hookgate: a declaration is a JSON object (docs/declarations.md)");
    }
    const { frame, id } = providerField(declaration);
    const [frameLength] = boundary.stage(frame, "", 0, id);
    wasm.checkDeclaration(frameLength);
    return { id, signsUrl: text(boundary.answer(id).main) === "url" };
  }

  return { verify, verifyJson, verifyForward, checkDeclaration };
}

/**
 * `detectProvider` over a module that carries `detect` (the tools module): the provider a delivery most
 * likely comes from (its signature header, else its payload's keys), or null.
 * @param {DetectingModule} wasm @param {Boundary} boundary
 */
export function detection(wasm, boundary) {
  /** @param {WebhookRequest} request @returns {ProviderId | null} */
  return function detectProvider(request) {
    const [frameLength, bodyLength] = boundary.stage(requestFrame(null, request, {}), request.body, DEFAULT_MAX_BODY_BYTES, null);
    wasm.detect(frameLength, bodyLength);
    return /** @type {ProviderId} */ (text(boundary.answer(null).main)) || null;
  };
}

const EVENT_HEAD = /^\{"provider":("(?:[^"\\]|\\.)*"),"id":("(?:[^"\\]|\\.)*"),"type":("(?:[^"\\]|\\.)*")/;

/**
 * `{ provider, id, type }` of an event JSON string from `verifyJson`, read from its first fields without
 * parsing the payload (the core always writes them first, in this order).
 * @param {string} json
 * @returns {{ provider: ProviderId, id: string, type: string }}
 */
export function eventHead(json) {
  const head = EVENT_HEAD.exec(json);
  if (!head) throw new TypeError("hookgate: not an event from verifyJson");
  return { provider: JSON.parse(head[1]), id: JSON.parse(head[2]), type: JSON.parse(head[3]) };
}
