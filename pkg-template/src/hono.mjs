// @ts-check
// hookgate/hono: a middleware that verifies `c.req.raw` and sets `c.get("hookgate")` (Hono 4, in Node,
// Workers, Deno and Bun).
import { verifyRequest } from "hookgate";
import { BODY_ALREADY_PARSED, rejection, resolveOptions } from "./handler-options.js";

/**
 * Verifies the delivery for `provider`, then sets `c.var.hookgate` to the event and calls `next()`.
 * Rejected deliveries are answered `{ "error": "<code>" }` with the shared statuses.
 */
/** @typedef {import("hono/utils/http-status").ContentfulStatusCode} StatusCode */

/**
 * @param {import("hookgate").Provider} provider
 * @param {import("hookgate").HandlerOptions<import("hono").Context>} [options]
 * @returns {import("hono").MiddlewareHandler<import("./hono.js").HookgateEnv>}
 */
export function hookgate(provider, options = {}) {
  return async (c, next) => {
    if (c.req.raw.bodyUsed) return c.json(BODY_ALREADY_PARSED.body, /** @type {StatusCode} */ (BODY_ALREADY_PARSED.status));
    try {
      const resolved = await resolveOptions(options, c);
      c.set("hookgate", await verifyRequest(provider, c.req.raw, resolved));
    } catch (error) {
      const { status, body } = rejection(options, error, c);
      return c.json(body, /** @type {StatusCode} */ (status));
    }
    await next();
  };
}

export default hookgate;
