import type { Context, MiddlewareHandler } from "hono";
import type { HandlerOptions, HookEvent, ProviderId } from "hookgate";

/** Hono environment with the verified event: `new Hono<HookgateEnv>()`, then `c.get("hookgate")`. */
export type HookgateEnv = { Variables: { hookgate: HookEvent } };

/** Verifies `c.req.raw`, sets `c.var.hookgate` and calls `next()`. */
export declare function hookgate(provider: ProviderId, options?: HandlerOptions<Context>): MiddlewareHandler<HookgateEnv>;
export default hookgate;
