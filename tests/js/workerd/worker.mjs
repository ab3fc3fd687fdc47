// A test Worker: verifies the delivery it is sent with the package's workerd entry and answers the
// outcome as JSON. Bundled by workerd.test.mjs with the `workerd` export condition, as wrangler does.
import * as hookgate from "hookgate";

export default {
  async fetch(request) {
    const { provider, delivery, options, headerForm, tool } = await request.json();
    if (tool) {
      // The Worker build carries no tools module: a tool says where it is instead of failing obscurely.
      try {
        hookgate[tool]("redo", { body: "{}" }, { secret: "s" });
        return Response.json({ called: tool });
      } catch (error) {
        return Response.json({ error: { name: error.name, message: error.message } });
      }
    }
    const headers =
      headerForm === "Headers"
        ? new Headers(delivery.headers)
        : headerForm === "pairs"
          ? Object.entries(delivery.headers)
          : delivery.headers;
    const body = delivery.bytes ? new TextEncoder().encode(delivery.body) : delivery.body;
    try {
      const { url, method } = delivery;
      return Response.json({ event: hookgate.verify(provider, { headers, body, url, method }, options) });
    } catch (error) {
      return Response.json({ error: { name: error.name, code: error.code, provider: error.provider, message: error.message } });
    }
  },
};
