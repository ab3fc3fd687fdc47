import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { HandlerOptions, HookEvent, Provider } from "hookgate";

declare module "fastify" {
  interface FastifyRequest {
    /** The verified event, in the scope where the hookgate plugin is registered. */
    hookgate: HookEvent | null;
  }
}

export interface HookgatePluginOptions extends HandlerOptions<FastifyRequest> {
  provider: Provider;
}

/** Register in an encapsulated scope around the webhook routes: `app.register(hookgate, { provider, secret })`. */
declare const hookgatePlugin: FastifyPluginAsync<HookgatePluginOptions>;
export default hookgatePlugin;
