import type { Context, MiddlewareHandler } from "hono";
import type { HandlerOptions, HookEvent, Provider } from "hookgate";

/** Hono environment with the verified event: `new Hono<HookgateEnv>()`, then `c.get("hookgate")`. */
export type HookgateEnv = { Variables: { hookgate: HookEvent } };

/** Verifies `c.req.raw`, sets `c.var.hookgate` and calls `next()`. */
export declare function hookgate(provider: Provider, options?: HandlerOptions<Context>): MiddlewareHandler<HookgateEnv>;
export default hookgate;
