// hookgate/node: a `(req, res)` listener for node:http, and the raw-body reader it uses.
import { HookgateError, verify } from "hookgate";
import { DEFAULT_MAX_BODY_BYTES, limitOption } from "./defaults.js";
import { rejection, resolveOptions } from "./handler-options.js";

/**
 * The raw body of an IncomingMessage as a Buffer. Rejects with `payload_too_large` as soon as it passes
 * `maxBodyBytes` (at once when Content-Length says so), and stops reading there.
 */
export function readRawBody(req, options = {}) {
  const maxBodyBytes = limitOption(options.maxBodyBytes, "maxBodyBytes", DEFAULT_MAX_BODY_BYTES);
  return new Promise((resolve, reject) => {
    const tooLarge = () => {
      req.removeListener("data", onData);
      req.pause();
      reject(new HookgateError("payload_too_large", `the body is larger than the limit of ${maxBodyBytes} bytes`));
    };
    const declared = Number(req.headers["content-length"]);
    const chunks = [];
    let total = 0;
    const onData = (chunk) => {
      total += chunk.length;
      if (total > maxBodyBytes) return tooLarge();
      chunks.push(chunk);
    };
    if (Number.isFinite(declared) && declared > maxBodyBytes) return tooLarge();
    req.on("data", onData);
    req.once("end", () => resolve(Buffer.concat(chunks, total)));
    req.once("error", reject);
  });
}

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
 */
export function createHandler(provider, options, onEvent) {
  return async (req, res) => {
    let event;
    try {
      const resolved = await resolveOptions(options, req);
      const body = await readRawBody(req, resolved);
      event = verify(provider, { headers: req.headers, body, url: req.url }, resolved);
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
