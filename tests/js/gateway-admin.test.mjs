// The admin API the operator's console reads, in durable mode under Miniflare with two routes: the event
// list (newest first, every filter, a cursor), one event with each route's attempts and its archived
// body, dead letters by route with a cursor, the hourly counters (accepted, duplicate, rejected by code;
// delivered, retrying, dead per route), and the headers every admin answer carries. Needs Node >= 22.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { signDelivery } from "hookgate";
import { startDurableGateway, waitFor } from "./gateway-harness.mjs";
import { startOrigin } from "./test-origin.mjs";
import { samples } from "./vectors.mjs";

const FORWARD_SECRET = "whsec_YWRtaW4tYXBpLWZvcndhcmQtc2VjcmV0";
const ADMIN_TOKEN = "admin-token-for-the-console-api-tests";
const SECRETS = { REDO_SECRET: "redo-admin-secret", STRIPE_SECRET: "whsec_stripe_admin", BABACK_SECRET: "baback-admin-secret-in-the-body" };

let billing;
let warehouse;
let gateway;
before(async () => {
  billing = await startOrigin(FORWARD_SECRET);
  warehouse = await startOrigin(FORWARD_SECRET);
  const routes = [
    { name: "billing", url: billing.url, providers: ["stripe"] },
    { name: "warehouse", url: warehouse.url },
  ];
  gateway = await startDurableGateway(
    {
      ROUTES: JSON.stringify(routes),
      FORWARD_SECRET,
      ADMIN_TOKEN,
      RETRY_BASE_SECONDS: "1",
      RETRY_MAX_SECONDS: "1",
      ORIGIN_TIMEOUT_MS: "2000",
      ...SECRETS,
    },
    { consumers: { "hookgate-deliveries": { maxRetries: 1 } } },
  );
});
after(async () => {
  await gateway?.dispose();
  await billing?.close();
  await warehouse?.close();
});

const admin = (path, init = {}) =>
  gateway.mf.dispatchFetch(`http://gateway.test${path}`, { ...init, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...init.headers } });
const adminJson = async (path, init) => {
  const response = await admin(path, init);
  return { status: response.status, body: await response.json() };
};

let sequence = 0;
/** A Redo delivery of a new event; its subject is the return id. */
async function sendRedo(returnId = `ret-${++sequence}`, type = "created") {
  const body = JSON.stringify({ type, at: "2026-01-01T00:00:00Z", return: { id: returnId, status: "pending" } });
  const answer = await gateway.send("/webhooks/redo", { headers: { authorization: `Bearer ${SECRETS.REDO_SECRET}` }, body });
  assert.equal(answer.status, 200, answer.text);
  return { id: `${returnId}-2026-01-01T00:00:00Z`, subject: returnId, answer };
}

/** A Stripe delivery of a new event (routed to billing and warehouse). */
async function sendStripe(type = "charge.refunded", secret = SECRETS.STRIPE_SECRET) {
  const id = `evt_admin_${++sequence}`;
  const body = JSON.stringify({ id, type, created: 1767225600, livemode: false, data: { object: { id: `ch_${sequence}` } } });
  const signed = signDelivery("stripe", { body }, { secret });
  return { id, answer: await gateway.send("/webhooks/stripe", { headers: signed.headers, body }) };
}

const list = async (query = "") => adminJson(`/admin/events${query}`);
const ids = (answer) => answer.body.items.map((item) => item.id);
const delivered = (id, provider) => async () =>
  (await adminJson(`/admin/events/${encodeURIComponent(id)}?provider=${provider}`)).body.status === "delivered";

describe("the event list", () => {
  const sent = [];
  before(async () => {
    billing.state.mode = "ok";
    warehouse.state.mode = "ok";
    for (let i = 0; i < 3; i++) sent.push(await sendRedo());
    sent.push(await sendStripe("charge.refunded"));
    sent.push(await sendStripe("customer.subscription.updated"));
    for (const { id } of sent) await waitFor(delivered(id, id.startsWith("evt_") ? "stripe" : "redo"), 10_000, id);
  });

  test("newest first, each row with its time, subject, status and attempts per route", async () => {
    const { status, body } = await list();
    assert.equal(status, 200);
    const mine = ids({ body }).filter((id) => sent.some((each) => each.id === id));
    assert.deepEqual(mine, sent.map((each) => each.id).reverse());
    const stripe = body.items.find((item) => item.id === sent[3].id);
    assert.equal(stripe.provider, "stripe");
    assert.equal(stripe.type, "charge.refunded");
    assert.equal(stripe.status, "delivered");
    assert.equal(stripe.attempts, 2);
    assert.ok(!Number.isNaN(Date.parse(stripe.acceptedAt)));
    assert.deepEqual(Object.keys(stripe.routes).sort(), ["billing", "warehouse"]);
    assert.equal(stripe.routes.billing.lastStatus, 204);
    const redo = body.items.find((item) => item.id === sent[0].id);
    assert.equal(redo.subject, sent[0].subject);
    assert.deepEqual(Object.keys(redo.routes), ["warehouse"]);
  });

  test("filters: provider, type prefix and pattern, status, route, id or subject, time", async () => {
    assert.deepEqual(ids(await list("?provider=stripe")), [sent[4].id, sent[3].id]);
    assert.deepEqual(ids(await list("?type=charge.")), [sent[3].id]);
    assert.deepEqual(ids(await list("?type=*.subscription.*")), [sent[4].id]);
    assert.deepEqual(ids(await list("?type=charge")), [sent[3].id], "without * the type is a prefix");
    assert.deepEqual(ids(await list("?type=Charge.")), [], "types match case-sensitively, as routes do");
    assert.deepEqual(ids(await list("?route=billing")), [sent[4].id, sent[3].id]);
    assert.deepEqual(ids(await list(`?q=${encodeURIComponent(sent[1].id)}`)), [sent[1].id]);
    assert.deepEqual(ids(await list(`?q=${sent[2].subject}`)), [sent[2].id], "a subject id finds its event");
    assert.ok(ids(await list("?status=delivered")).includes(sent[0].id));
    assert.ok(!ids(await list("?status=dead")).includes(sent[0].id));
    const future = new Date(Date.now() + 3_600_000).toISOString();
    assert.deepEqual(ids(await list(`?from=${future}`)), []);
    assert.ok(ids(await list(`?to=${future}`)).includes(sent[0].id));
  });

  test("a cursor pages through without an offset: no event twice, none skipped", async () => {
    const seen = [];
    let cursor = null;
    do {
      const page = await list(`?provider=redo&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      assert.equal(page.status, 200);
      assert.ok(page.body.items.length <= 2);
      seen.push(...ids(page));
      cursor = page.body.next;
    } while (cursor);
    assert.deepEqual(seen, ids(await list("?provider=redo")));
    assert.equal(new Set(seen).size, seen.length);
  });

  test("a parameter it does not take is a 400 saying what it takes", async () => {
    for (const query of ["?status=lost", "?limit=0", "?limit=201", "?from=yesterday", "?cursor=nope", `?q=${"x".repeat(600)}`]) {
      const { status, body } = await list(query);
      assert.equal(status, 400, query);
      assert.equal(body.error, "invalid_request");
      assert.match(body.expected, /status \(queued, delivered or dead\)/);
    }
  });
});

describe("one event", () => {
  test("each route's attempts (time, origin status or error, duration) and the archived event on request", async () => {
    billing.state.mode = "fail";
    warehouse.state.mode = "ok";
    const { id } = await sendStripe("charge.failed");
    const detail = async () => (await adminJson(`/admin/events/${id}?provider=stripe`)).body;
    await waitFor(async () => (await detail()).routes.billing.history.length >= 1, 10_000, "a failed attempt");
    billing.state.mode = "ok";
    await waitFor(async () => (await detail()).routes.billing.status === "delivered", 10_000, "the retry");
    const event = await detail();
    const [failed, succeeded] = event.routes.billing.history;
    assert.equal(failed.status, 500);
    assert.equal(failed.error, "the origin answered 500");
    assert.ok(Number.isInteger(failed.ms) && failed.ms >= 0);
    assert.ok(!Number.isNaN(Date.parse(failed.at)));
    assert.deepEqual([succeeded.status, succeeded.error], [204, null]);
    assert.equal(event.routes.warehouse.history.length, 1);

    const body = await admin(`/admin/events/${id}/body?provider=stripe`);
    assert.equal(body.status, 200);
    const archived = await body.json();
    assert.deepEqual([archived.id, archived.provider, archived.type], [id, "stripe", "charge.failed"]);
    assert.equal((await adminJson("/admin/events/no-such-event/body?provider=stripe")).status, 404);
  });
});

describe("dead letters and counters", () => {
  test("a route's dead letter is listed by route with a cursor, counted, and redriven", async () => {
    billing.state.mode = "fail";
    const first = await sendStripe("charge.dispute.created");
    const second = await sendStripe("charge.dispute.closed");
    const dead = async () => (await adminJson("/admin/dead-letters?route=billing")).body.items.map((item) => item.id);
    await waitFor(async () => (await dead()).includes(first.id) && (await dead()).includes(second.id), 20_000, "both dead letters");
    const page = await adminJson("/admin/dead-letters?route=billing&limit=1");
    assert.equal(page.body.items.length, 1);
    assert.equal(page.body.items[0].route, "billing");
    const rest = await adminJson(`/admin/dead-letters?route=billing&limit=1&cursor=${encodeURIComponent(page.body.next)}`);
    assert.notEqual(rest.body.items[0].id, page.body.items[0].id);
    assert.deepEqual((await adminJson("/admin/dead-letters?route=warehouse")).body.items, []);
    assert.equal((await adminJson("/admin/dead-letters?limit=0")).status, 400);

    const counters = (await adminJson("/admin/counters")).body;
    assert.ok(counters.routes.billing.dead >= 2, JSON.stringify(counters.routes));
    assert.ok(counters.routes.billing.retrying >= 2);

    billing.state.mode = "ok";
    const redriven = await adminJson("/admin/dead-letters/redrive", { method: "POST", body: JSON.stringify({ route: "billing" }) });
    assert.ok(redriven.body.redriven >= 2);
    await waitFor(delivered(first.id, "stripe"), 10_000, "the redriven dead letter");
  });

  test("counters per provider (accepted, duplicate, rejected by code) and per route move with deliveries", async () => {
    billing.state.mode = "ok";
    const before = (await adminJson("/admin/counters?hours=24")).body;
    const accepted = await sendRedo();
    const again = await gateway.send("/webhooks/redo", {
      headers: { authorization: `Bearer ${SECRETS.REDO_SECRET}` },
      body: JSON.stringify({ type: "created", at: "2026-01-01T00:00:00Z", return: { id: accepted.subject, status: "pending" } }),
    });
    assert.equal(again.body.duplicate, true);
    const forged = await sendStripe("charge.refunded", "whsec_not_the_secret");
    assert.equal(forged.answer.status, 401);
    const unauthenticated = await gateway.send("/webhooks/redo", { body: "{}" });
    assert.equal(unauthenticated.status, 401);
    await waitFor(delivered(accepted.id, "redo"), 10_000, "the accepted delivery");

    const count = (counters, provider, outcome) =>
      outcome.startsWith("rejected:")
        ? (counters.providers[provider]?.rejected[outcome.slice(9)] ?? 0)
        : (counters.providers[provider]?.[outcome] ?? 0);
    let now;
    await waitFor(
      async () => {
        now = (await adminJson("/admin/counters?hours=24")).body;
        return count(now, "stripe", "rejected:signature_mismatch") === count(before, "stripe", "rejected:signature_mismatch") + 1;
      },
      5000,
      "the rejection's count (written after the answer)",
    );
    assert.equal(count(now, "redo", "accepted"), count(before, "redo", "accepted") + 1);
    assert.equal(count(now, "redo", "duplicate"), count(before, "redo", "duplicate") + 1);
    assert.equal(count(now, "redo", "rejected:missing_signature"), count(before, "redo", "rejected:missing_signature") + 1);
    assert.ok(now.routes.warehouse.delivered > before.routes.warehouse.delivered);
    assert.ok(!Number.isNaN(Date.parse(now.from)) && Date.parse(now.from) <= Date.parse(now.to));
    for (const hours of ["0", "169", "x"]) assert.equal((await adminJson(`/admin/counters?hours=${hours}`)).status, 400, hours);
  });
});

describe("counting a burst", () => {
  test("forged deliveries are counted on many shards, never all on one object", async () => {
    const burst = 32;
    for (let i = 0; i < burst; i++) assert.equal((await sendStripe("charge.refunded", "whsec_forged")).answer.status, 401);
    const namespace = await gateway.mf.getDurableObjectNamespace("DEDUP", "gateway");
    const perShard = async () =>
      Promise.all(
        Array.from({ length: 16 }, async (_, shard) => {
          const rows = await namespace.get(namespace.idFromName(`shard-${shard}`)).counters(0);
          return rows.find((row) => row.name === "stripe" && row.outcome === "rejected:signature_mismatch")?.n ?? 0;
        }),
      );
    let counts = [];
    await waitFor(
      async () => {
        counts = await perShard();
        return counts.reduce((a, b) => a + b, 0) >= burst;
      },
      5000,
      "the burst's counts",
    );
    assert.ok(counts.filter((n) => n > 0).length >= 4, `counts per shard: ${counts}`);
    assert.ok(Math.max(...counts) < burst, `counts per shard: ${counts}`);
  });
});

describe("attempt history", () => {
  test("an attempt for a delivery the ledger no longer holds leaves no history behind", async () => {
    const namespace = await gateway.mf.getDurableObjectNamespace("DEDUP", "gateway");
    const shard = namespace.get(namespace.idFromName("shard-0"));
    const key = "event:redo:expired-long-ago";
    await shard.attempted(key, "warehouse", { error: null, status: 204, at: Date.now(), ms: 3 }, Date.now() + 60_000);
    assert.deepEqual(Object.keys(await shard.history(key)), []);
  });
});

describe("as safe as the webhooks", () => {
  const POLICY = /default-src 'none'.*frame-ancestors 'none'/;
  const guarded = (response, what) => {
    assert.equal(response.headers.get("cache-control"), "no-store", what);
    assert.equal(response.headers.get("x-frame-options"), "DENY", what);
    assert.match(response.headers.get("content-security-policy") ?? "", POLICY, what);
    assert.equal(response.headers.get("access-control-allow-origin"), null, what);
  };

  test("the page, its files and every API answer (401 and 404 too) carry the headers", async () => {
    const page = await gateway.mf.dispatchFetch("http://gateway.test/admin/");
    assert.equal(page.status, 200);
    assert.match(page.headers.get("content-type"), /^text\/html/);
    const policy = page.headers.get("content-security-policy");
    assert.match(policy, /script-src 'self'(;|$)/);
    assert.match(policy, /connect-src 'self'/);
    assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval/);
    assert.doesNotMatch(await page.text(), /<script>|<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+=/i, "no inline script");
    guarded(page, "GET /admin/");
    for (const file of ["console.js", "console.css", "base.css"]) {
      const response = await gateway.mf.dispatchFetch(`http://gateway.test/admin/${file}`);
      assert.equal(response.status, 200, file);
      guarded(response, file);
    }
    guarded(await admin("/admin/events"), "GET /admin/events");
    guarded(await gateway.mf.dispatchFetch("http://gateway.test/admin/events"), "401");
    guarded(await admin("/admin/nothing-here"), "404");
    const cors = await gateway.mf.dispatchFetch("http://gateway.test/admin/events", {
      method: "OPTIONS",
      headers: { origin: "https://elsewhere.example", "access-control-request-method": "GET" },
    });
    assert.equal(cors.headers.get("access-control-allow-origin"), null);
    const bare = await gateway.mf.dispatchFetch("http://gateway.test/admin", { redirect: "manual" });
    assert.deepEqual([bare.status, bare.headers.get("location")], [308, "/admin/"]);
  });

  test("no answer, the archived event included, holds a secret or a signature", async () => {
    warehouse.state.mode = "ok";
    const baback = signDelivery("baback", samples().baback, { secret: SECRETS.BABACK_SECRET });
    const taken = await gateway.send("/webhooks/baback", { headers: baback.headers, body: baback.body });
    assert.equal(taken.status, 200, taken.text);
    assert.ok(baback.body.includes(SECRETS.BABACK_SECRET), "the delivery carries the secret in its body");
    const stripe = await sendStripe("charge.captured");
    const id = taken.body.id;
    await waitFor(delivered(id, "baback"), 10_000, "the Baback event");
    const answers = await Promise.all(
      [
        `/admin/events/${encodeURIComponent(id)}?provider=baback`,
        `/admin/events/${encodeURIComponent(id)}/body?provider=baback`,
        `/admin/events/${stripe.id}/body?provider=stripe`,
        "/admin/events?limit=200",
        "/admin/dead-letters",
        "/admin/counters",
      ].map(async (path) => {
        const response = await admin(path);
        assert.equal(response.status, 200, path);
        return response.text();
      }),
    );
    assert.match(answers[1], /returnRequest/, "the archived event is the normalized event");
    for (const text of answers) {
      assert.ok(!text.includes(SECRETS.BABACK_SECRET), "Baback's secret in an admin answer");
      assert.ok(!/stripe-signature|webhook-signature|authorization/i.test(text), "a credential header in an admin answer");
    }
  });

  test("the API needs the token; the page holds no secret", async () => {
    const anonymous = await gateway.mf.dispatchFetch("http://gateway.test/admin/counters");
    assert.equal(anonymous.status, 401);
    const files = await Promise.all(
      ["", "console.js", "console.css"].map(async (file) => (await gateway.mf.dispatchFetch(`http://gateway.test/admin/${file}`)).text()),
    );
    for (const secret of [ADMIN_TOKEN, FORWARD_SECRET, ...Object.values(SECRETS)]) {
      assert.ok(!files.some((text) => text.includes(secret)), "a secret in the page");
      const answers = JSON.stringify([(await list()).body, (await adminJson("/admin/counters")).body]);
      assert.ok(!answers.includes(secret), "a secret in an admin answer");
    }
  });
});

describe("without ADMIN_TOKEN", () => {
  test("the console and its API are absent (404), as in synchronous mode", async () => {
    const bare = await startDurableGateway({ ORIGIN_URL: "http://127.0.0.1:9/events", FORWARD_SECRET, ...SECRETS });
    try {
      for (const path of ["/admin/", "/admin/console.js", "/admin/events", "/admin/counters"]) {
        const response = await bare.mf.dispatchFetch(`http://gateway.test${path}`, { headers: { authorization: "Bearer x" } });
        assert.equal(response.status, 404, path);
      }
    } finally {
      await bare.dispose();
    }
  });
});
