// @ts-check
// The wasm boundary, crossed once per call: the request and its options are written as one frame (see
// src/bindings/frame.rs) and the body right after it into the module's input buffer, an export is called
// with numbers only, and its answer is read from the output buffer. Used for both modules: the core
// (hookgate_bg.wasm) and the one with `explain` (hookgate_explain_bg.wasm).
import { HookgateError } from "./errors.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The exports every hookgate wasm module has, as wasm-bindgen's glue exposes them.
 * @typedef {{
 *   inputBuffer(length: number): number,
 *   resultSlots(): number,
 *   wasmMemory(): WebAssembly.Memory,
 * }} WasmModule
 */

/**
 * One answer: the head's fields, the main bytes (a view of wasm memory, valid until the next call) and
 * the tail's fields.
 * @typedef {{ head: string[], main: Uint8Array, tail: string[] }} Answer
 */

/** A body as the package accepts it. @typedef {string | Uint8Array | ArrayBuffer | ArrayBufferView | null | undefined} Body */

/**
 * The rejection of a body over `limit` bytes.
 * @param {number} limit
 * @param {string | null | undefined} provider
 */
export function tooLarge(limit, provider) {
  return new HookgateError("payload_too_large", `the body is larger than the limit of ${limit} bytes`, provider ?? undefined);
}

/**
 * The body as a string or bytes. Typed arrays and buffers are recognised by their internal slots, not
 * `instanceof`, so that one made in another realm (a queue message deserialized in workerd, a `vm`
 * context, jsdom) is accepted too.
 * @param {Body} body @returns {Uint8Array | string}
 */
function asBytesOrString(body) {
  if (typeof body === "string") return body;
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (Object.prototype.toString.call(body) === "[object ArrayBuffer]") return new Uint8Array(/** @type {ArrayBuffer} */ (body));
  if (body == null) return new Uint8Array(0);
  throw new TypeError("hookgate: body must be a string, Uint8Array or ArrayBuffer");
}

/** @param {WasmModule} wasm */
export function createBoundary(wasm) {
  /** @type {WebAssembly.Memory | undefined} */
  let memory;
  /** @type {number | undefined} */
  let slots;

  /** `length` writable bytes at `address` (a fresh view: memory may have grown since). */
  const view = (/** @type {number} */ address, /** @type {number} */ length) => {
    memory ??= wasm.wasmMemory();
    return new Uint8Array(memory.buffer, address, length);
  };

  /**
   * Writes `frame` and then `body` into the input buffer; returns `[frame length, body length]` in bytes.
   * The body's size is checked against `limit` before it is copied (the buffer never shrinks): a string
   * longer than the limit in UTF-16 units is too large in UTF-8 too.
   * @param {string} frame
   * @param {Body} body
   * @param {number} limit
   * @param {string | null | undefined} provider
   * @returns {[number, number]}
   */
  function stage(frame, body, limit, provider) {
    const content = asBytesOrString(body);
    const frameRoom = frame.length * 3;
    if (typeof content !== "string") {
      if (content.byteLength > limit) throw tooLarge(limit, provider);
      const bytes = view(wasm.inputBuffer(frameRoom + content.byteLength), frameRoom + content.byteLength);
      const frameLength = encoder.encodeInto(frame, bytes).written;
      bytes.set(content, frameLength);
      return [frameLength, content.byteLength];
    }
    if (content.length > limit) throw tooLarge(limit, provider);
    // ASCII takes one byte per code unit. encodeInto stops before the first character that does not fit;
    // the rest takes at most three bytes per code unit (a surrogate pair: four for two).
    let bytes = view(wasm.inputBuffer(frameRoom + content.length), frameRoom + content.length);
    const frameLength = encoder.encodeInto(frame, bytes).written;
    let { read, written } = encoder.encodeInto(content, bytes.subarray(frameLength));
    if (read < content.length) {
      const rest = content.slice(read);
      const room = frameLength + written + rest.length * 3;
      bytes = view(wasm.inputBuffer(room), room);
      written += encoder.encodeInto(rest, bytes.subarray(frameLength + written)).written;
    }
    if (written > limit) throw tooLarge(limit, provider);
    return [frameLength, written];
  }

  /**
   * The answer of the call that just returned; throws its rejection as a HookgateError.
   * @param {string | null | undefined} provider
   * @returns {Answer}
   */
  function answer(provider) {
    slots ??= wasm.resultSlots();
    memory ??= wasm.wasmMemory();
    const [address, length, headLength, tailLength, status] = new Uint32Array(memory.buffer, slots, 5);
    const bytes = new Uint8Array(memory.buffer, address, length);
    if (status !== 0) {
      const text = decoder.decode(bytes);
      const newline = text.indexOf("\n");
      const [code, message] = [text.slice(0, newline), text.slice(newline + 1)];
      // A declaration that cannot be read is the caller's mistake, not a delivery's.
      if (code === "invalid_declaration") throw new TypeError(`hookgate: ${message}`);
      throw new HookgateError(/** @type {any} */ (code), message, provider ?? undefined);
    }
    return {
      head: headLength ? fields(bytes.subarray(0, headLength)) : [],
      main: bytes.subarray(headLength, length - tailLength),
      tail: tailLength ? fields(bytes.subarray(length - tailLength)) : [],
    };
  }

  /** Zeroes the last answer once it has been read (it carried a key: a signed body, a URL token, a bearer). */
  function wipe() {
    slots ??= wasm.resultSlots();
    memory ??= wasm.wasmMemory();
    const [address, length] = new Uint32Array(memory.buffer, slots, 2);
    new Uint8Array(memory.buffer, address, length).fill(0);
  }

  return { stage, answer, wipe };
}

/** NUL-ended fields. @param {Uint8Array} bytes */
const fields = (bytes) => decoder.decode(bytes).split("\0").slice(0, -1);

/** The main bytes as text. @param {Uint8Array} bytes */
export const text = (bytes) => decoder.decode(bytes);

/** @typedef {ReturnType<typeof createBoundary>} Boundary */
