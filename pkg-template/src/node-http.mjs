// @ts-check
// hookgate/node: a `(req, res)` listener for node:http, and the raw-body reader it uses.
import { HookgateError, verify } from "hookgate";
import { DEFAULT_MAX_BODY_BYTES, limitOption } from "./defaults.js";
import { rejection, resolveOptions } from "./handler-options.js";

/** @typedef {import("node:http").IncomingMessage} IncomingMessage @typedef {import("node:http").ServerResponse} ServerResponse */

/**
 * The raw body of an IncomingMessage as a Buffer. Rejects with `payload_too_large` as soon as it passes
 * `maxBodyBytes` (at once when Content-Length says so), and stops reading there; rejects when the client
 * goes away before the end. Hand-written rather than the `raw-body` package on purpose: the package has
 * no runtime dependencies, and this is the one piece of it that reads a stream.
 * @param {IncomingMessage} req
 * @param {{ maxBodyBytes?: number }} [options]
 * @returns {Promise<Buffer>}
 */
export function readRawBody(req, options = {}) {
  const maxBodyBytes = limitOption(options.maxBodyBytes, "maxBodyBytes", DEFAULT_MAX_BODY_BYTES);
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let total = 0;
    const stop = (/** @type {Error} */ error) => {
      req.removeListener("data", onData);
      req.removeListener("end", onEnd);
      req.removeListener("close", onClose);
      req.pause();
      reject(error);
    };
    // HookgateError from "hookgate" itself: the CommonJS twin of this file then shares the core's class.
    const tooLarge = () => new HookgateError("payload_too_large", `the body is larger than the limit of ${maxBodyBytes} bytes`);
    const onData = (/** @type {Buffer} */ chunk) => {
      total += chunk.length;
      if (total > maxBodyBytes) return stop(tooLarge());
      chunks.push(chunk);
    };
    const onEnd = () => {
      req.removeListener("close", onClose);
      resolve(Buffer.concat(chunks, total));
    };
    // A client that disconnects mid-body: the stream closes without an end.
    const onClose = () => stop(Object.assign(new Error("the client went away before the body ended"), { code: "ECONNRESET" }));
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > maxBodyBytes) return stop(tooLarge());
    req.on("data", onData);
    req.once("end", onEnd);
    req.once("close", onClose);
    req.once("error", stop);
  });
}

/** @param {ServerResponse} res @param {{ status: number, body: unknown }} answer */
function answer(res, { status, body }) {
  if (res.headersSent) return;
  // After a refused upload, close the connection rather than read the rest of it.
  const close = status === 413 ? { connection: "close" } : {};
  res.writeHead(status, { "content-type": "application/json", ...close });
  res.end(JSON.stringify(body));
}

/**
 * A node:http listener that verifies each request for `provider` and calls `onEvent(event, req)` (may be
 * async). Answers 200 `{"ok":true}` once `onEvent` resolves, the shared error answers for rejected
 * deliveries, and 500 when `onEvent` throws (so the sender retries).
 * @param {import("hookgate").Provider} provider
 * @param {import("hookgate").HandlerOptions<IncomingMessage>} options
 * @param {(event: import("hookgate").HookEvent, req: IncomingMessage, res: ServerResponse) => void | Promise<void>} onEvent
 * @returns {(req: IncomingMessage, res: ServerResponse) => Promise<void>}
 */
export function createHandler(provider, options, onEvent) {
  return async (req, res) => {
    /** @type {import("hookgate").HookEvent} */
    let event;
    try {
      const resolved = await resolveOptions(options, req);
      const body = await readRawBody(req, resolved);
      event = verify(provider, { headers: req.headers, body, url: req.url, method: req.method }, resolved);
    } catch (error) {
      return answer(res, rejection(options, error, req));
    }
    try {
      await onEvent(event, req, res);
      answer(res, { status: 200, body: { ok: true } });
    } catch (error) {
      rejection(options, error, req);
      answer(res, { status: 500, body: { error: "handler_failed" } });
    }
  };
}
