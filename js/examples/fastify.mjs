// @ts-check
// A Fastify 5 app taking Stripe webhooks. Run: STRIPE_SECRET=whsec_… node fastify.mjs
import Fastify from "fastify";
import hookgate from "hookgate/fastify";

export const app = Fastify();

// The webhook routes get their own scope: raw bodies and verification there, JSON everywhere else.
app.register(async (webhooks) => {
  await webhooks.register(hookgate, { provider: "stripe", secret: process.env.STRIPE_SECRET });
  webhooks.post("/webhooks/stripe", async (request) => {
    console.log("verified", request.hookgate?.type, request.hookgate?.id);
    return { received: true };
  });
});

await app.listen({ port: Number(process.env.PORT ?? 3000), host: "127.0.0.1" });
