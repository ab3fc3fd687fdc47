// @ts-check
// The demo origin: what a user's server behind the gateway does. It checks the gateway's Standard
// Webhooks signature (with hookgate itself; any Standard Webhooks library works) and prints each event.
import { createServer } from "node:http";
import { HookgateError, verify } from "hookgate";

/** @param {number} port @param {string} forwardSecret @returns {Promise<import("node:http").Server>} */
export function startDemoOrigin(port, forwardSecret) {
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    try {
      const envelope = verify("standard-webhooks", { headers: req.headers, body: Buffer.concat(chunks) }, { secret: forwardSecret });
      const event = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      console.log(
        `[origin] ✓ ${event.provider} ${event.type} id=${envelope.id} subject=${event.subject.type ?? "-"}:${event.subject.id ?? "-"}`,
      );
      res.writeHead(204).end();
    } catch (error) {
      if (!(error instanceof HookgateError)) throw error;
      console.log(`[origin] ✗ refused a delivery not signed by the gateway: ${error.code}`);
      res.writeHead(401).end();
    }
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}
