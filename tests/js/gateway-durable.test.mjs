// Durable mode in Miniflare, configured by wrangler.toml's [env.durable] itself (its Queues with the
// dead-letter queue, the Dedup Durable Object on SQLite, the R2 archive), bundled as deployed, in front of
// a real origin on loopback that verifies each forward with `standardwebhooks`. Needs Node >= 22.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import * as hookgate from "hookgate";
import { logLines, startDurableGateway, waitFor } from "./gateway-harness.mjs";
import { startOrigin } from "./test-origin.mjs";
import { samples } from "./vectors.mjs";

const FORWARD_SECRET = "whsec_ZHVyYWJsZS1mb3J3YXJkLXNlY3JldA==";
const ADMIN_TOKEN = "admin-token-for-the-durable-tests";
const SECRETS = { REDO_SECRET: "redo-durable-secret", SHOPIFY_SECRET: "shopify-durable-secret", STRIPE_SECRET: "whsec_stripe_durable" };

let origin;
before(async () => {
  origin = await startOrigin(FORWARD_SECRET);
});
after(() => origin?.close());

/** The gateway's variables: small retry delays (whole seconds), the admin endpoints on. */
const vars = (extra = {}) => ({
  ORIGIN_URL: origin.url,
  FORWARD_SECRET,
  ADMIN_TOKEN,
  RETRY_BASE_SECONDS: "1",
  RETRY_MAX_SECONDS: "1",
  ORIGIN_TIMEOUT_MS: "2000",
  ...SECRETS,
  ...extra,
});

let sequence = 0;
/** A Redo delivery of a new event (its id is `<return id>-<at>`). */
function redoDelivery(returnId = `r${++sequence}`) {
  const body = JSON.stringify({ type: "created", at: "2026-01-01T00:00:00Z", return: { id: returnId, status: "pending" } });
  return {
    path: "/webhooks/redo",
    init: { headers: { authorization: `Bearer ${SECRETS.REDO_SECRET}` }, body },
    id: `${returnId}-2026-01-01T00:00:00Z`,
    subject: returnId,
  };
}

/** What reached the origin and was taken (verified, answered 2xx), by webhook-id. */
const taken = () => origin.received.filter((r) => r.verified && r.answered < 300).map((r) => r.headers["webhook-id"]);
const count = (ids, id) => ids.filter((each) => each === id).length;

const adminFetch = (gateway, path, init = {}) =>
  gateway.mf.dispatchFetch(`http://gateway.test${path}`, { ...init, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...init.headers } });
const adminJson = async (gateway, path, init) => {
  const response = await adminFetch(gateway, path, init);
  return { status: response.status, body: await response.json() };
};
const eventStatus = (gateway, id, provider) => adminJson(gateway, `/admin/events/${encodeURIComponent(id)}?provider=${provider}`);

describe("durable delivery", () => {
  let gateway;
  before(async () => {
    // Three retries here (wrangler.toml has 15): the dead-letter test need not wait for all of them.
    gateway = await startDurableGateway(vars(), { consumers: { "hookgate-deliveries": { maxRetries: 3 } } });
  });
  after(() => gateway?.dispose());

  test("GET /healthz says durable mode runs", async () => {
    const response = await gateway.mf.dispatchFetch("http://gateway.test/healthz");
    assert.deepEqual((await response.json()).mode, "queue");
  });

  test("the sender gets 200 queued once the event is enqueued; the consumer forwards it signed", async () => {
    origin.state.mode = "ok";
    const delivery = redoDelivery();
    const answer = await gateway.send(delivery.path, delivery.init);
    assert.deepEqual([answer.status, answer.body], [200, { ok: true, id: delivery.id, queued: true }]);
    await waitFor(() => count(taken(), delivery.id) === 1, 10_000, "the delivery");
    const arrived = origin.received.find((r) => r.headers["webhook-id"] === delivery.id);
    assert.equal(JSON.parse(arrived.body).id, delivery.id);
    assert.equal(arrived.headers["hookgate-provider"], "redo");
    await waitFor(async () => (await eventStatus(gateway, delivery.id, "redo")).body.status === "delivered", 5000, "the record");
    const { acceptedAt, routes, ...record } = (await eventStatus(gateway, delivery.id, "redo")).body;
    assert.deepEqual(record, {
      id: delivery.id,
      provider: "redo",
      type: "return.created",
      subject: delivery.subject,
      test: false,
      status: "delivered",
      attempts: 1,
      lastError: null,
    });
    assert.ok(Date.parse(acceptedAt) <= Date.now());
    const { history, lastAttemptAt, ...route } = routes.default;
    assert.deepEqual(route, { status: "delivered", attempts: 1, lastError: null, lastStatus: 204 });
    assert.deepEqual([history.length, history[0].status, history[0].error, history[0].at], [1, 204, null, lastAttemptAt]);
  });

  test("origin down while retries run, then up: every event reaches the origin, once each", async () => {
    origin.state.mode = "fail";
    const deliveries = Array.from({ length: 4 }, () => redoDelivery());
    for (const delivery of deliveries) assert.equal((await gateway.send(delivery.path, delivery.init)).status, 200);
    const attempts = (id) => origin.received.filter((r) => r.headers["webhook-id"] === id).length;
    await waitFor(() => deliveries.every((d) => attempts(d.id) >= 2), 15_000, "retries while the origin is down");
    const failed = await eventStatus(gateway, deliveries[0].id, "redo");
    assert.equal(failed.body.lastError, "the origin answered 500");
    origin.state.mode = "ok";
    await waitFor(() => deliveries.every((d) => count(taken(), d.id) === 1), 15_000, "the deliveries once the origin is up");
    const settled = await eventStatus(gateway, deliveries[0].id, "redo");
    assert.equal(settled.body.lastError, null, "cleared once delivered");
    assert.ok(settled.body.attempts >= 3, `attempts ${settled.body.attempts}`);
    for (const delivery of deliveries) assert.equal(count(taken(), delivery.id), 1, delivery.id);
  });

  test("the same event sent 5 times at once is enqueued once; the others answer duplicate", async () => {
    origin.state.mode = "ok";
    const delivery = redoDelivery();
    const answers = await Promise.all(Array.from({ length: 5 }, () => gateway.send(delivery.path, delivery.init)));
    assert.deepEqual(
      answers.map((a) => a.status),
      [200, 200, 200, 200, 200],
    );
    assert.equal(answers.filter((a) => a.body.queued).length, 1, JSON.stringify(answers.map((a) => a.body)));
    assert.equal(answers.filter((a) => a.body.duplicate).length, 4);
    await waitFor(() => count(taken(), delivery.id) === 1, 10_000, "the delivery");
    const again = await gateway.send(delivery.path, delivery.init);
    assert.deepEqual(again.body, { ok: true, id: delivery.id, duplicate: true });
    await waitFor(() => logLines(gateway.logs).some((l) => l.eventId === delivery.id && l.outcome === "duplicate"));
    assert.equal(count(taken(), delivery.id), 1);
  });

  test("a captured Shopify delivery resent with a new webhook id is a duplicate and reaches the origin once", async () => {
    origin.state.mode = "ok";
    const sample = samples().shopify;
    const signed = hookgate.signDelivery("shopify", sample, { secret: SECRETS.SHOPIFY_SECRET });
    const first = await gateway.send("/webhooks/shopify", {
      headers: { ...signed.headers, "X-Shopify-Event-Id": "evt-captured-1" },
      body: signed.body,
    });
    assert.equal(first.body.queued, true);
    const replayed = await gateway.send("/webhooks/shopify", {
      headers: { ...signed.headers, "X-Shopify-Event-Id": "evt-forged-2" },
      body: signed.body,
    });
    assert.deepEqual([replayed.status, replayed.body.duplicate], [200, true]);
    await waitFor(() => count(taken(), "evt-captured-1") === 1, 10_000, "the first delivery");
    assert.equal(count(taken(), "evt-forged-2"), 0);
  });

  test("retries exhausted: a dead letter, listed, redriven, then delivered", async () => {
    origin.state.mode = "fail";
    const delivery = redoDelivery();
    await gateway.send(delivery.path, delivery.init);
    const dead = async () => (await adminJson(gateway, "/admin/dead-letters")).body.items.find((item) => item.id === delivery.id);
    await waitFor(async () => Boolean(await dead()), 20_000, "the dead letter");
    const item = await dead();
    assert.equal(item.provider, "redo");
    assert.equal(item.attempts, 4, "the first attempt and three retries");
    assert.equal(item.lastError, "the origin answered 500");
    assert.ok(!Number.isNaN(Date.parse(item.failedAt)));
    assert.equal((await eventStatus(gateway, delivery.id, "redo")).body.status, "dead");

    origin.state.mode = "ok";
    const redrive = await adminJson(gateway, "/admin/dead-letters/redrive", {
      method: "POST",
      body: JSON.stringify({ ids: [delivery.id] }),
    });
    assert.deepEqual(redrive, { status: 200, body: { redriven: 1 } });
    assert.equal(await dead(), undefined, "a redriven event leaves the dead-letter list");
    await waitFor(() => count(taken(), delivery.id) === 1, 10_000, "the redriven delivery");
    await waitFor(async () => (await eventStatus(gateway, delivery.id, "redo")).body.status === "delivered");
    assert.equal((await eventStatus(gateway, delivery.id, "redo")).body.attempts, 5, "the redrive's attempt counts too");
  });

  test("a 1 MB event goes through R2 and arrives byte-identical", async () => {
    origin.state.mode = "ok";
    const big = JSON.stringify({
      type: "created",
      at: "2026-01-01T00:00:00Z",
      return: { id: "r-big", status: "pending" },
      note: "x".repeat(1_000_000),
    });
    const request = { headers: { authorization: `Bearer ${SECRETS.REDO_SECRET}` }, body: big };
    const answer = await gateway.send("/webhooks/redo", { ...request, headers: request.headers });
    assert.equal(answer.status, 200, answer.text);
    await waitFor(() => count(taken(), "r-big-2026-01-01T00:00:00Z") === 1, 15_000, "the large delivery");
    const arrived = origin.received.find((r) => r.headers["webhook-id"] === "r-big-2026-01-01T00:00:00Z");
    assert.equal(arrived.body, hookgate.verifyJson("redo", request, { secret: SECRETS.REDO_SECRET }));
    assert.ok(arrived.body.length > 1_000_000);
  });

  test("replay by id and by time range, to the configured origin, keeping the id", async () => {
    origin.state.mode = "ok";
    const [a, b] = [redoDelivery(), redoDelivery()];
    const from = new Date().toISOString();
    await gateway.send(a.path, a.init);
    await gateway.send(b.path, b.init);
    const to = new Date(Date.now() + 1000).toISOString();
    await waitFor(() => count(taken(), a.id) === 1 && count(taken(), b.id) === 1, 10_000, "the first deliveries");

    const byId = await adminJson(gateway, "/admin/replay", { method: "POST", body: JSON.stringify({ ids: [a.id] }) });
    assert.deepEqual(byId, { status: 200, body: { replayed: 1, next: null } });
    await waitFor(() => count(taken(), a.id) === 2, 10_000, "the replay by id");

    const byTime = await adminJson(gateway, "/admin/replay", { method: "POST", body: JSON.stringify({ from, to, provider: "redo" }) });
    assert.deepEqual(byTime, { status: 200, body: { replayed: 2, next: null } });
    await waitFor(() => count(taken(), a.id) === 3 && count(taken(), b.id) === 2, 10_000, "the replay by time");
    await waitFor(async () => (await eventStatus(gateway, a.id, "redo")).body.attempts === 3);

    const unknown = await adminJson(gateway, "/admin/replay", { method: "POST", body: JSON.stringify({ ids: ["no-such-event"] }) });
    assert.equal(unknown.status, 404);
    assert.equal((await eventStatus(gateway, "no-such-event", "redo")).status, 404);
    const malformed = await adminJson(gateway, "/admin/replay", {
      method: "POST",
      body: JSON.stringify({ url: "https://elsewhere.test/" }),
    });
    assert.equal(malformed.status, 400, "a URL in the request is never a destination");
  });

  test("the admin endpoints refuse a missing or a wrong token", async () => {
    for (const headers of [{}, { authorization: "Bearer wrong-token" }, { authorization: `Basic ${ADMIN_TOKEN}` }]) {
      const response = await gateway.mf.dispatchFetch("http://gateway.test/admin/dead-letters", { headers });
      assert.deepEqual([response.status, await response.json()], [401, { error: "unauthorized" }]);
    }
  });

  test("one log line per delivery attempt, and no secret in any log line or admin answer", async () => {
    // Its own deliveries (run alone, it reads no earlier test's lines): one refused once, then taken.
    origin.state.mode = "fail";
    const delivery = redoDelivery();
    assert.equal((await gateway.send(delivery.path, delivery.init)).status, 200);
    const attemptsOf = () => logLines(gateway.logs).filter((line) => "attempt" in line && line.eventId === delivery.id);
    await waitFor(() => attemptsOf().length >= 1, 10_000, "the first attempt's line");
    origin.state.mode = "ok";
    await waitFor(() => count(taken(), delivery.id) === 1, 15_000, "the delivery once the origin is up");
    await waitFor(() => attemptsOf().some((line) => line.outcome === "forwarded"), 5000, "the forwarded attempt's line");
    const attempts = attemptsOf();
    assert.equal(attempts.length, origin.received.filter((r) => r.headers["webhook-id"] === delivery.id).length, "a line per attempt");
    for (const line of attempts) {
      assert.ok(
        line.eventId &&
          line.provider &&
          typeof line.attempt === "number" &&
          line.outcome &&
          "originStatus" in line &&
          typeof line.ms === "number",
        JSON.stringify(line),
      );
    }
    const answers = JSON.stringify(await adminJson(gateway, "/admin/dead-letters"));
    const printed = gateway.logs.join("") + answers;
    for (const secret of [...Object.values(SECRETS), FORWARD_SECRET, ADMIN_TOKEN])
      assert.ok(!printed.includes(secret), "a secret was printed");
  });
});

describe("durable mode without ADMIN_TOKEN", () => {
  test("the admin endpoints are absent", async () => {
    const { ADMIN_TOKEN: _, ...without } = vars();
    const gateway = await startDurableGateway(without);
    try {
      const response = await gateway.mf.dispatchFetch("http://gateway.test/admin/dead-letters", {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      assert.equal(response.status, 404);
    } finally {
      await gateway.dispose();
    }
  });
});

describe("a queue that refuses the event", () => {
  test("the sender gets 503 queue_unavailable, and its retry is not taken for a duplicate", async () => {
    const queue = { failing: true };
    // DELIVERIES wrapped: sends fail while `queue.failing`, else go to the real queue.
    const gateway = await startDurableGateway(vars(), {
      gateway: { wrappedBindings: { DELIVERIES: "faulty-deliveries" }, queueProducers: {} },
      workers: [
        {
          name: "faulty-deliveries",
          modules: true,
          script: `export default function (env) {
            return {
              async send(body, options) {
                const control = await env.CONTROL.fetch("http://control/");
                if ((await control.text()) === "fail") throw new Error("queue unavailable (injected by the test)");
                return env.QUEUE.send(body, options);
              },
              async sendBatch(messages, options) {
                const control = await env.CONTROL.fetch("http://control/");
                if ((await control.text()) === "fail") throw new Error("queue unavailable (injected by the test)");
                return env.QUEUE.sendBatch(messages, options);
              },
            };
          }`,
          queueProducers: { QUEUE: "hookgate-deliveries" },
          serviceBindings: { CONTROL: () => new Response(queue.failing ? "fail" : "ok") },
        },
      ],
    });
    try {
      origin.state.mode = "ok";
      const delivery = redoDelivery();
      const refused = await gateway.send(delivery.path, delivery.init);
      assert.deepEqual([refused.status, refused.body], [503, { error: "queue_unavailable" }]);
      queue.failing = false;
      const retried = await gateway.send(delivery.path, delivery.init);
      assert.deepEqual([retried.status, retried.body], [200, { ok: true, id: delivery.id, queued: true }]);
      await waitFor(() => count(taken(), delivery.id) === 1, 10_000, "the retried delivery");
    } finally {
      await gateway.dispose();
    }
  });
});
