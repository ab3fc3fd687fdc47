// @ts-check
// A Cloudflare Worker taking Stripe webhooks: deploy it with wrangler (which bundles the .wasm for you)
// and `npx wrangler secret put STRIPE_SECRET`.
import { errorResponse, HookgateError, verifyRequest } from "hookgate";

export default {
  /** @param {Request} request @param {{ STRIPE_SECRET: string }} env */
  async fetch(request, env) {
    try {
      // Reads the body (never more than 1 MiB of it), verifies the signature, normalizes the event.
      const event = await verifyRequest("stripe", request, { secret: env.STRIPE_SECRET });
      console.log("verified", event.type, event.id); // e.g. charge.refunded evt_…
      return Response.json({ received: event.id });
    } catch (error) {
      if (!(error instanceof HookgateError)) throw error;
      const { status, body } = errorResponse(error); // e.g. 401 {"error":"signature_mismatch"}
      return Response.json(body, { status });
    }
  },
};
