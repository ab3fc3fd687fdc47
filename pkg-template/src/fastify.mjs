// @ts-check
// hookgate/fastify: register it with `{ provider, ...options }` inside the encapsulated scope that holds
// the webhook routes: in that scope only, bodies are kept as raw Buffers and verified before the
// handler, which finds the event on `request.hookgate`. The rest of the app keeps its JSON parser.
import { HookgateError, verify } from "hookgate";
import { DEFAULT_MAX_BODY_BYTES, limitOption } from "./defaults.js";
import { rejection, resolveOptions } from "./handler-options.js";

/**
 * @param {import("fastify").FastifyInstance} fastify
 * @param {import("./fastify.js").HookgatePluginOptions} options
 */
async function hookgatePlugin(fastify, { provider, ...options }) {
  const bodyLimit = limitOption(options.maxBodyBytes, "maxBodyBytes", DEFAULT_MAX_BODY_BYTES);
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser("*", { parseAs: "buffer", bodyLimit }, (_request, body, done) => done(null, body));
  fastify.decorateRequest("hookgate", null);
  fastify.setErrorHandler((error, request, reply) => {
    if (/** @type {{ code?: unknown }} */ (error)?.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
      const id = typeof provider === "string" ? provider : provider.id;
      const tooLarge = new HookgateError("payload_too_large", `the body is larger than the limit of ${bodyLimit} bytes`, id);
      const refused = rejection(options, tooLarge, request);
      return reply.code(refused.status).header("connection", "close").send(refused.body);
    }
    throw error;
  });
  fastify.addHook("preHandler", async (request, reply) => {
    try {
      const resolved = await resolveOptions(options, request);
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      request.hookgate = verify(provider, { headers: request.headers, body, url: request.url }, resolved);
    } catch (error) {
      const { status, body } = rejection(options, error, request);
      return reply.code(status).send(body);
    }
  });
}

// Like fastify-plugin: the parser and hook apply to the scope that registers this plugin (the user's
// webhook scope), not to a scope of their own that the routes beside it would not see.
Object.assign(hookgatePlugin, { [Symbol.for("skip-override")]: true, [Symbol.for("fastify.display-name")]: "hookgate" });

export default hookgatePlugin;
