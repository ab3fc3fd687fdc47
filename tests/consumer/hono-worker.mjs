// Hono with hookgate as a Cloudflare Worker, bundled by esbuild with the workerd conditions
// (scripts/consumer.sh); the repo's workerd test runs the bundle.
import { Hono } from "hono";
import { hookgate } from "hookgate/hono";

const app = new Hono();
app.post("/webhooks/redo", hookgate("redo", { secret: (c) => c.env.REDO_SECRET }), (c) => c.json({ verified: c.get("hookgate").id }));
export default app;
