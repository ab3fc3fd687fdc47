// A real origin on loopback for the gateway tests: it checks the forwarded signature with the npm
// package `standardwebhooks` (what a user's origin would use) and records what reached it. Its mode
// decides how it answers: "ok" (204), "fail" (500), "slow" (answers after `slowMs`) or "redirect"
// (`state.redirectStatus` with `Location: state.location`).
import { createServer } from "node:http";
import { Webhook } from "standardwebhooks";

export async function startOrigin(forwardSecret, { slowMs = 2000 } = {}) {
  const webhook = new Webhook(forwardSecret);
  const received = [];
  const state = { mode: "ok" };
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = Buffer.concat(chunks).toString("utf8");
    let verified = null;
    try {
      verified = webhook.verify(body, req.headers);
    } catch {
      verified = null;
    }
    const entry = { method: req.method, headers: req.headers, body, verified, answered: 0 };
    received.push(entry);
    const answer = (status, headers = {}, text = "") => {
      entry.answered = status;
      res.writeHead(status, headers).end(text);
    };
    if (state.mode === "fail") return answer(500, {}, "origin failure");
    if (state.mode === "redirect") return answer(state.redirectStatus, { location: state.location });
    if (state.mode === "slow") await new Promise((resolve) => setTimeout(resolve, slowMs));
    answer(204);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/events`,
    received,
    state,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}
