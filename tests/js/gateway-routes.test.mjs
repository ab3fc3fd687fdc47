// Routes (ROUTES, docs/gateway.md) in real workerd, in both modes: every matching route gets the event,
// signed with its own key and naming itself; the sender gets 2xx only when every matched route took it
// (synchronous) or it is queued once per route (durable), each route then retried, dead-lettered and
// redriven on its own; a route removed while its messages wait leaves a dead letter naming it; and a
// ROUTES the gateway cannot read stops it, naming ROUTES and the variable at fault. Needs Node >= 22.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import * as hookgate from "hookgate";
import { logLines, startDurableGateway, startGateway, waitFor } from "./gateway-harness.mjs";
import { startOrigin } from "./test-origin.mjs";

const BILLING_SECRET = "whsec_YmlsbGluZy1mb3J3YXJkLXNlY3JldA==";
const WAREHOUSE_SECRET = "whsec_d2FyZWhvdXNlLWZvcndhcmQtc2VjcmV0";
const STRIPE_SECRET = "whsec_stripe_routes";
const ADMIN_TOKEN = "admin-token-for-the-routes-tests";
const now = () => Math.floor(Date.now() / 1000);

let billing;
let warehouse;
before(async () => {
  billing = await startOrigin(BILLING_SECRET);
  warehouse = await startOrigin(WAREHOUSE_SECRET);
});
after(async () => {
  await billing?.close();
  await warehouse?.close();
});

/** The routes: refunds and subscriptions from Stripe (not tests) to billing, everything to the warehouse. */
const routes = () => [
  {
    name: "billing",
    url: billing.url,
    providers: ["stripe"],
    types: ["charge.*", "subscription.*"],
    test: false,
    secret: "BILLING_FORWARD_SECRET",
  },
  { name: "warehouse", url: warehouse.url, secret: "WAREHOUSE_FORWARD_SECRET", timeoutMs: 2000 },
];
const vars = (extra = {}) => ({
  ROUTES: JSON.stringify(routes()),
  BILLING_FORWARD_SECRET: BILLING_SECRET,
  WAREHOUSE_FORWARD_SECRET: WAREHOUSE_SECRET,
  STRIPE_SECRET,
  REDO_SECRET: "redo-routes-secret",
  ...extra,
});

let sequence = 0;
/** A Stripe delivery of a new event of `type`, signed now. */
function stripe(type, { livemode = true } = {}) {
  const id = `evt_routes_${++sequence}_${Date.now()}`;
  const body = JSON.stringify({ id, object: "event", type, livemode, created: now(), data: { object: { id: "ch_1", object: "charge" } } });
  const { headers } = hookgate.signDelivery("stripe", { body }, { secret: STRIPE_SECRET, timestamp: now() });
  return { id, path: "/webhooks/stripe", init: { headers, body } };
}
/** What an origin took (verified with its route's key, answered 2xx), by webhook-id. */
const tookAt = (origin) => origin.received.filter((r) => r.verified && r.answered < 300).map((r) => r.headers["webhook-id"]);

describe("synchronous fan-out", () => {
  let gateway;
  before(async () => {
    gateway = await startGateway(vars({ ORIGIN_TIMEOUT_MS: "2000" }));
  });
  after(() => gateway?.dispose());

  test("an event every route wants reaches each, signed with that route's key and naming it", async () => {
    billing.state.mode = warehouse.state.mode = "ok";
    const delivery = stripe("charge.refunded");
    const answer = await gateway.send(delivery.path, delivery.init);
    assert.deepEqual([answer.status, answer.body], [200, { ok: true, id: delivery.id, routes: ["billing", "warehouse"] }]);
    for (const [origin, name] of [
      [billing, "billing"],
      [warehouse, "warehouse"],
    ]) {
      const arrived = origin.received.findLast((r) => r.headers["webhook-id"] === delivery.id);
      assert.ok(arrived?.verified, `${name} verifies the forward with its own key`);
      assert.equal(arrived.headers["hookgate-route"], name);
    }
    const line = logLines(gateway.logs).findLast((l) => l.eventId === delivery.id);
    assert.deepEqual(line.routes, { billing: "forwarded", warehouse: "forwarded" });
  });

  test("providers, types and test decide: another type, a test event and another provider skip billing", async () => {
    billing.state.mode = warehouse.state.mode = "ok";
    const payout = stripe("payout.paid");
    const testEvent = stripe("charge.refunded", { livemode: false });
    for (const delivery of [payout, testEvent]) {
      const answer = await gateway.send(delivery.path, delivery.init);
      assert.deepEqual(answer.body.routes, ["warehouse"], delivery.id);
      assert.equal(tookAt(billing).includes(delivery.id), false);
      assert.equal(tookAt(warehouse).includes(delivery.id), true);
    }
    const body = JSON.stringify({ type: "created", at: "2026-01-01T00:00:00Z", return: { id: `r-${Date.now()}` } });
    const redo = await gateway.send("/webhooks/redo", { headers: { authorization: "Bearer redo-routes-secret" }, body });
    assert.deepEqual(redo.body.routes, ["warehouse"]);
  });

  test("one origin down: 502 naming each route's outcome, and the other route has the event", async () => {
    billing.state.mode = "fail";
    warehouse.state.mode = "ok";
    const delivery = stripe("subscription.created");
    const answer = await gateway.send(delivery.path, delivery.init);
    assert.deepEqual(
      [answer.status, answer.body],
      [502, { error: "origin_failed", routes: { billing: "origin_failed", warehouse: "forwarded" } }],
    );
    assert.equal(tookAt(warehouse).includes(delivery.id), true);
    // The sender retries; the warehouse deduplicates on webhook-id, which stays the event id.
    billing.state.mode = "ok";
    assert.equal((await gateway.send(delivery.path, delivery.init)).status, 200);
    assert.deepEqual(
      tookAt(warehouse).filter((id) => id === delivery.id),
      [delivery.id, delivery.id],
    );
  });

  test("/healthz lists the route names, never a URL or a secret", async () => {
    const health = await (await gateway.mf.dispatchFetch("http://gateway.test/healthz")).text();
    assert.deepEqual(JSON.parse(health).routes, ["billing", "warehouse"]);
    for (const secret of [billing.url, warehouse.url, BILLING_SECRET, WAREHOUSE_SECRET]) assert.ok(!health.includes(secret));
  });

  test("a route's secret variable opens no endpoint: /webhooks/redo/forward stays unconfigured", async () => {
    const gatewayWithRedoRoute = await startGateway({
      ROUTES: JSON.stringify([{ name: "redo-only", url: warehouse.url, secret: "REDO_FORWARD_SECRET" }]),
      REDO_FORWARD_SECRET: WAREHOUSE_SECRET,
    });
    try {
      const body = JSON.stringify({ type: "created", at: "2026-01-01T00:00:00Z", return: { id: "r1" } });
      const answer = await gatewayWithRedoRoute.send("/webhooks/redo/forward", {
        headers: { authorization: `Bearer ${WAREHOUSE_SECRET}` },
        body,
      });
      assert.deepEqual([answer.status, answer.body], [503, { error: "missing_secret" }]);
    } finally {
      await gatewayWithRedoRoute.dispose();
    }
  });
});

describe("a ROUTES the gateway cannot read stops it, naming the variables at fault", () => {
  const route = () => ({ name: "billing", url: billing.url, secret: "BILLING_FORWARD_SECRET" });
  /** Each case's ROUTES, made once the origins listen. */
  const cases = {
    "not JSON": () => "[{",
    "not an array": () => JSON.stringify(route()),
    "an empty array": () => "[]",
    "a duplicate name": () => JSON.stringify([route(), route()]),
    "an invalid name": () => JSON.stringify([{ ...route(), name: "Billing Team" }]),
    "a relative URL": () => JSON.stringify([{ ...route(), url: "/hooks" }]),
    "a URL with credentials": () => JSON.stringify([{ ...route(), url: "https://user:pass@billing.test/hooks" }]),
    "an unknown provider": () => JSON.stringify([{ ...route(), providers: ["strpe"] }]),
    "an unknown member": () => JSON.stringify([{ ...route(), type: ["charge.*"] }]),
  };
  for (const [name, routesOf] of Object.entries(cases)) {
    test(`${name}: 503 gateway_misconfigured naming ROUTES`, async () => {
      const gateway = await startGateway({ BILLING_FORWARD_SECRET: BILLING_SECRET, REDO_SECRET: "r", ROUTES: routesOf() });
      try {
        const answer = await gateway.send("/webhooks/redo", { headers: { authorization: "Bearer r" }, body: "{}" });
        assert.deepEqual([answer.status, answer.body], [503, { error: "gateway_misconfigured" }]);
        const health = await (await gateway.mf.dispatchFetch("http://gateway.test/healthz")).json();
        assert.deepEqual(health.variables, ["ROUTES"]);
      } finally {
        await gateway.dispose();
      }
    });
  }

  test("a route's secret unset or not a whsec_ key: ROUTES and that variable are named", async () => {
    for (const value of [undefined, "not-a-key", "whsec_AA=="]) {
      const gateway = await startGateway({ ROUTES: JSON.stringify([route()]), ...(value ? { BILLING_FORWARD_SECRET: value } : {}) });
      try {
        const health = await (await gateway.mf.dispatchFetch("http://gateway.test/healthz")).json();
        assert.deepEqual(health.variables, ["BILLING_FORWARD_SECRET", "ROUTES"], String(value));
      } finally {
        await gateway.dispose();
      }
    }
  });
});

describe("durable fan-out", () => {
  let gateway;
  const adminJson = async (path, init = {}) => {
    const response = await gateway.mf.dispatchFetch(`http://gateway.test${path}`, {
      ...init,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...init.headers },
    });
    return { status: response.status, body: await response.json() };
  };
  before(async () => {
    gateway = await startDurableGateway(vars({ ADMIN_TOKEN, RETRY_BASE_SECONDS: "1", RETRY_MAX_SECONDS: "1", ORIGIN_TIMEOUT_MS: "2000" }), {
      consumers: { "hookgate-deliveries": { maxRetries: 2 } },
    });
  });
  after(() => gateway?.dispose());

  test("accepted once, one message per route: the route that is down retries alone, the other takes the event once", async () => {
    billing.state.mode = "fail";
    warehouse.state.mode = "ok";
    const delivery = stripe("charge.refunded");
    const answer = await gateway.send(delivery.path, delivery.init);
    assert.deepEqual([answer.status, answer.body], [200, { ok: true, id: delivery.id, queued: true, routes: ["billing", "warehouse"] }]);
    await waitFor(() => tookAt(warehouse).includes(delivery.id), 10_000, "the warehouse's delivery");
    await waitFor(() => billing.received.filter((r) => r.headers["webhook-id"] === delivery.id).length >= 2, 10_000, "billing's retries");
    const status = (await adminJson(`/admin/events/${delivery.id}?provider=stripe`)).body;
    assert.equal(status.routes.warehouse.status, "delivered");
    assert.equal(status.routes.billing.lastError, "the origin answered 500");
    billing.state.mode = "ok";
    await waitFor(() => tookAt(billing).includes(delivery.id), 10_000, "billing once it is up");
    assert.deepEqual(
      tookAt(warehouse).filter((id) => id === delivery.id),
      [delivery.id],
      "the warehouse got it once, whatever billing's retries",
    );
  });

  test("a message whose route was removed becomes a dead letter naming that route", async () => {
    billing.state.mode = warehouse.state.mode = "ok";
    const delivery = stripe("charge.captured");
    await gateway.send(delivery.path, delivery.init);
    await waitFor(() => tookAt(warehouse).includes(delivery.id), 10_000, "the delivery");
    // What an earlier configuration queued for its route "archive", which this ROUTES no longer has.
    const queue = await gateway.mf.getQueueProducer("DELIVERIES", "gateway");
    const key = `event:stripe:${delivery.id}`;
    await queue.send(
      {
        provider: "stripe",
        id: delivery.id,
        type: "charge.captured",
        key,
        archiveKey: "none",
        headers: {},
        route: "archive",
        kind: "first",
      },
      { contentType: "v8" },
    );
    const dead = async () =>
      (await adminJson("/admin/dead-letters")).body.items.find((item) => item.id === delivery.id && item.route === "archive");
    await waitFor(async () => Boolean(await dead()), 10_000, "the dead letter");
    assert.equal((await dead()).lastError, 'the route "archive" is no longer configured');
    const line = logLines(gateway.logs).find((l) => l.eventId === delivery.id && l.route === "archive");
    assert.equal(line.outcome, "dead_letter");
    assert.equal(tookAt(billing).filter((id) => id === delivery.id).length, 1, "the configured routes are untouched");
  });
});
