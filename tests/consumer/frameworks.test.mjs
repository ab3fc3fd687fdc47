// Each README example (copied into examples/ here) as a real server on loopback, with real express,
// fastify and hono from npm: a valid delivery reaches the handler; a tampered one is answered 401 and
// the handler never runs; an over-size body is answered 413 before it has all been sent.

import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { test } from "node:test";
import express from "express";
import { signDelivery } from "hookgate";
import { hookgate } from "hookgate/express";

const SECRETS = {
  REREADY_SECRET: "ssk_consumer_1",
  SHOPIFY_SECRET: "shpss_consumer_2",
  STRIPE_SECRET: "whsec_consumer_3",
  REDO_SECRET: "redo-consumer-4",
};
Object.assign(process.env, SECRETS, { PORT: "0" });

// The examples log "verified …" from their handlers: that is how the test sees the handler run.
const handled = [];
const log = console.log;
console.log = (...args) => (args[0] === "verified" ? handled.push(args.slice(1)) : log(...args));

const portOf = (server) => server.address().port;
const cases = {
  "node-http": {
    file: "./examples/node-http.mjs",
    provider: "reready",
    path: "/webhooks/reready",
    body: '{"device_return_id":"d1","state":"complete","test":false}',
    ok: 200,
  },
  express: {
    file: "./examples/express.mjs",
    provider: "shopify",
    path: "/webhooks/shopify",
    body: '{"id":1001,"name":"#1001"}',
    headers: { "X-Shopify-Topic": "orders/create", "X-Shopify-Event-Id": "evt-1" },
    ok: 204,
  },
  fastify: {
    file: "./examples/fastify.mjs",
    provider: "stripe",
    path: "/webhooks/stripe",
    body: '{"id":"evt_1","type":"charge.refunded"}',
    ok: 200,
  },
  hono: {
    file: "./examples/hono.mjs",
    provider: "redo",
    path: "/webhooks/redo",
    body: '{"type":"created","at":"2026-01-01T00:00:00Z","return":{"id":"r1"}}',
    ok: 204,
  },
};

async function start(file) {
  const module = await import(file);
  const server = module.server ?? module.app.server;
  if (!server.listening) await new Promise((resolve) => server.once("listening", resolve));
  return server;
}

/** Sends `total` bytes in chunks, stopping when the answer arrives; resolves with it and what was sent. */
function sendOversized(port, path, headers, total) {
  return new Promise((resolve, reject) => {
    let written = 0;
    let answered = false;
    const req = httpRequest(
      { host: "127.0.0.1", port, path, method: "POST", headers: { ...headers, "transfer-encoding": "chunked" } },
      (res) => {
        answered = true;
        const sentWhenAnswered = written;
        let text = "";
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => {
          req.destroy(); // the rest of the upload is not wanted
          resolve({ status: res.statusCode, body: JSON.parse(text), sentWhenAnswered });
        });
      },
    );
    req.on("error", (error) => (answered ? undefined : reject(error)));
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (!answered && written < total) {
        written += chunk.length;
        if (!req.write(chunk)) return req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

for (const [name, c] of Object.entries(cases)) {
  test(`${name}: valid reaches the handler, tampered is 401 without it, over-size is 413 early`, async () => {
    const server = await start(c.file);
    try {
      const url = `http://127.0.0.1:${portOf(server)}${c.path}`;
      const secret = SECRETS[`${c.provider.toUpperCase()}_SECRET`];
      const delivery = signDelivery(c.provider, { body: c.body, headers: c.headers ?? {}, url }, { secret });
      const before = handled.length;
      const valid = await fetch(delivery.url, { method: "POST", headers: delivery.headers, body: delivery.body });
      assert.equal(valid.status, c.ok, await valid.text());
      assert.equal(handled.length, before + 1, "the handler ran once");

      // A body changed after signing (a bearer token signs no body: for Redo, a forged token instead).
      const forged =
        c.provider === "redo"
          ? signDelivery(c.provider, { body: c.body, url }, { secret: "forged" })
          : { ...delivery, body: delivery.body.replace("1", "2") };
      const tampered = await fetch(forged.url, { method: "POST", headers: forged.headers, body: forged.body });
      assert.equal(tampered.status, 401);
      assert.deepEqual(await tampered.json(), { error: "signature_mismatch" });
      assert.equal(handled.length, before + 1, "the handler did not run");

      const huge = await sendOversized(portOf(server), c.path, delivery.headers, 100 * 1024 * 1024);
      assert.deepEqual([huge.status, huge.body], [413, { error: "payload_too_large" }]);
      assert.ok(huge.sentWhenAnswered < 16 * 1024 * 1024, `answered after ${huge.sentWhenAnswered} bytes of 100 MB`);
      assert.equal(handled.length, before + 1);
    } finally {
      server.closeAllConnections?.();
      await new Promise((resolve) => server.close(resolve));
    }
  });
}

/** Serves `app`, posts a signed Redo delivery as JSON to it, and returns the answer's status and body. */
async function postRedo(app) {
  const server = app.listen(0);
  await new Promise((resolve) => server.once("listening", resolve));
  try {
    const body = '{"type":"created","at":"2026-01-01T00:00:00Z","return":{"id":"r1"}}';
    const response = await fetch(`http://127.0.0.1:${portOf(server)}/webhooks/redo`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${SECRETS.REDO_SECRET}` },
      body,
    });
    return { status: response.status, answer: await response.json() };
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

test("express: a JSON parser mounted first gets body_already_parsed, never a re-serialized match", async () => {
  const app = express();
  app.use(express.json());
  app.post("/webhooks/redo", hookgate("redo", { secret: SECRETS.REDO_SECRET }), (_req, res) => res.sendStatus(204));
  const { status, answer } = await postRedo(app);
  assert.equal(status, 500);
  assert.equal(answer.error, "body_already_parsed");
  assert.match(answer.message, /before express\.json\(\)/);
  assert.match(answer.message, /express\.raw\(/);
});

test("express: express.raw() before hookgate works", async () => {
  const app = express();
  app.post("/webhooks/redo", express.raw({ type: "*/*" }), hookgate("redo", { secret: SECRETS.REDO_SECRET }), (req, res) =>
    res.json({ id: req.hookgate.id }),
  );
  const { answer } = await postRedo(app);
  assert.deepEqual(answer, { id: "r1-2026-01-01T00:00:00Z" });
});
