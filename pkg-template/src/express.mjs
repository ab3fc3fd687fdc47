// @ts-check
// hookgate/express: a middleware that verifies the raw request and sets `req.hookgate`.
import { verify } from "hookgate";
import { readRawBody } from "hookgate/node";
import { BODY_ALREADY_PARSED, rejection, resolveOptions } from "./handler-options.js";

/**
 * @typedef {import("./express.js").ExpressRequestLike & { _body?: boolean }} ExpressRequest
 * @typedef {{ status(code: number): { json(body: unknown): unknown }, set(name: string, value: string): unknown }} ExpressResponse
 */

/**
 * The raw body: `express.raw()`'s Buffer, the unread stream, or `null` when a parser already took it.
 * @param {ExpressRequest} req
 * @param {{ maxBodyBytes?: number }} options
 */
async function rawBody(req, options) {
  if (Buffer.isBuffer(req.body)) return req.body;
  // body-parser marks what it parsed; a stream that has ended was read by someone else.
  if (req._body === true || req.readableEnded) return null;
  return readRawBody(req, options);
}

/**
 * Express middleware (Express 5 and 4): verifies the delivery for `provider`, then sets `req.hookgate`
 * to the event and calls `next()`. Rejected deliveries are answered `{ "error": "<code>" }` with the
 * shared statuses; a body already parsed as JSON or text is answered 500 `body_already_parsed`.
 * @param {import("hookgate").Provider} provider
 * @param {import("hookgate").HandlerOptions<ExpressRequest>} [options]
 */
export function hookgate(provider, options = {}) {
  return async (/** @type {ExpressRequest} */ req, /** @type {ExpressResponse} */ res, /** @type {(error?: unknown) => void} */ next) => {
    /** @type {import("hookgate").HookEvent} */
    let event;
    try {
      const resolved = await resolveOptions(options, req);
      const body = await rawBody(req, resolved);
      if (body === null) return res.status(BODY_ALREADY_PARSED.status).json(BODY_ALREADY_PARSED.body);
      event = verify(provider, { headers: req.headers, body, url: req.originalUrl ?? req.url, method: req.method }, resolved);
    } catch (error) {
      const { status, body } = rejection(options, error, req);
      if (status === 413) res.set("connection", "close");
      return res.status(status).json(body);
    }
    req.hookgate = event;
    next();
  };
}

export default hookgate;
