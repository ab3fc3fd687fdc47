// @ts-check
// A node:http server taking ReReady webhooks. Run: REREADY_SECRET=ssk_… node node-http.mjs
import { createServer } from "node:http";
import { createHandler } from "hookgate/node";

export const server = createServer(
  createHandler("reready", { secret: process.env.REREADY_SECRET }, async (event) => {
    // Answered 200 once this resolves; if it throws, ReReady gets a 500 and retries.
    console.log("verified", event.type, event.subject.id, event.status.current);
  }),
);
server.listen(Number(process.env.PORT ?? 3000));
