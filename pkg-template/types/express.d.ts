import type { IncomingMessage } from "node:http";
import type { HandlerOptions, HookEvent, Provider } from "hookgate";

declare global {
  // Express's request type (from @types/express) gains the verified event.
  namespace Express {
    interface Request {
      hookgate?: HookEvent;
    }
  }
}

/** The parts of an Express request hookgate reads. */
export type ExpressRequestLike = IncomingMessage & { body?: unknown; originalUrl?: string; hookgate?: HookEvent };

/**
 * Express middleware: verifies the delivery, sets `req.hookgate` and calls `next()`. Mount it before
 * `express.json()` on the route, or after `express.raw()`; after a JSON or text parser it answers 500
 * `body_already_parsed`.
 */
// Parameters are loose on purpose: the middleware must fit Express 4 and 5 handler types alike.
export declare function hookgate(
  provider: Provider,
  options?: HandlerOptions<ExpressRequestLike>,
  // biome-ignore lint/suspicious/noExplicitAny: Express's own handler shape, without a dependency on @types/express
): (req: any, res: any, next: (error?: unknown) => void) => Promise<void>;
export default hookgate;
