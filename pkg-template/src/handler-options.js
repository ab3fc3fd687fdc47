// @ts-check
// What every framework handler shares: options whose secret or token may be a function of the request
// (one endpoint per tenant), and the answer to a rejected delivery.
import { errorResponse } from "./http.js";

/**
 * @template Request
 * @typedef {import("./index.js").HandlerOptions<Request>} HandlerOptions
 */

/**
 * The options for this request: `secret` and `token` may be (async) functions of it.
 * @template Request
 * @param {HandlerOptions<Request>} options
 * @param {Request} request
 * @returns {Promise<import("./index.js").VerifyOptions>}
 */
export async function resolveOptions(options, request) {
  const { secret, token, onError, ...rest } = options;
  return {
    ...rest,
    secret: typeof secret === "function" ? await secret(request) : secret,
    token: typeof token === "function" ? await token(request) : token,
  };
}

/**
 * Tells `onError` (when given) and returns the `{ status, body }` to answer.
 * @template Request
 * @param {HandlerOptions<Request> | undefined} options
 * @param {unknown} error
 * @param {Request} request
 */
export function rejection(options, error, request) {
  try {
    options?.onError?.(error, request);
  } catch {
    // a failing logger must not change the answer
  }
  return errorResponse(error);
}

/** The answer when a body parser ran before hookgate: the raw bytes are gone, so nothing can verify. */
export const BODY_ALREADY_PARSED = {
  status: 500,
  body: {
    error: "body_already_parsed",
    message:
      "A body parser consumed this request before hookgate: mount hookgate before express.json() (or any body parser) on this route, or use express.raw({ type: '*/*' }) for it.",
  },
};
