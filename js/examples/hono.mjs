// @ts-check
// A Hono 4 app taking Redo webhooks, in Node. (In a Worker, `export default app` instead of serve().)
// Run: REDO_SECRET=… node hono.mjs
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { hookgate } from "hookgate/hono";

export const app = new Hono();

app.post("/webhooks/redo", hookgate("redo", { secret: process.env.REDO_SECRET }), (c) => {
  const event = c.get("hookgate");
  console.log("verified", event.type, event.id);
  return c.body(null, 204);
});

export const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3000) });
