// Durable mode when its parts fail, and against hostile use of the admin API, in Miniflare: the queue,
// the R2 archive and the Dedup ledger sit behind wrappers that fail on demand (gateway-harness.mjs), in
// front of a real origin that verifies each forward. Nothing accepted is lost, nothing is sent twice,
// nothing stored is written over, and every admin call is bounded. Needs Node >= 22.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import * as hookgate from "hookgate";
import { faultyBindings, logLines, startDurableGateway, waitFor } from "./gateway-harness.mjs";
import { startOrigin } from "./test-origin.mjs";
import { samples } from "./vectors.mjs";

const FORWARD_SECRET = "whsec_ZHVyYWJsZS1mYXVsdHMtc2VjcmV0";
const ADMIN_TOKEN = "admin-token-for-the-fault-tests";
const SECRETS = { REDO_SECRET: "redo-faults-secret", SHOPIFY_SECRET: "shopify-faults-secret" };

let origin;
let trap;
const faults = { queue: false, archivePut: false, ledger: new Set() };
let gateway;
before(async () => {
  origin = await startOrigin(FORWARD_SECRET);
  trap = await startOrigin(FORWARD_SECRET);
  const wrapped = faultyBindings(faults);
  gateway = await startDurableGateway(
    {
      ORIGIN_URL: origin.url,
      FORWARD_SECRET,
      ADMIN_TOKEN,
      RETRY_BASE_SECONDS: "1",
      RETRY_MAX_SECONDS: "1",
      ORIGIN_TIMEOUT_MS: "2000",
      ...SECRETS,
    },
    { consumers: { "hookgate-deliveries": { maxRetries: 1 }, "hookgate-deliveries-dlq": { maxRetries: 3, retryDelay: 0 } }, ...wrapped },
  );
});
after(async () => {
  await gateway?.dispose();
  await origin?.close();
  await trap?.close();
});

let sequence = 0;
/** A Redo delivery of a new event (its id is `<return id>-<at>`), with `extra` in its body. */
function redo(returnId = `f${++sequence}-${Date.now()}`, extra = {}) {
  const body = JSON.stringify({ type: "created", at: "2026-01-01T00:00:00Z", return: { id: returnId, status: "pending" }, ...extra });
  return {
    path: "/webhooks/redo",
    init: { headers: { authorization: `Bearer ${SECRETS.REDO_SECRET}` }, body },
    id: `${returnId}-2026-01-01T00:00:00Z`,
  };
}
const send = (delivery) => gateway.send(delivery.path, delivery.init);
const taken = () => origin.received.filter((r) => r.verified && r.answered < 300);
const takenIds = () => taken().map((r) => r.headers["webhook-id"]);
const count = (id) => takenIds().filter((each) => each === id).length;
const admin = async (path, init = {}) => {
  const response = await gateway.mf.dispatchFetch(`http://gateway.test${path}`, {
    ...init,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...init.headers },
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
};
const post = (path, body) => admin(path, { method: "POST", body: JSON.stringify(body) });
/** The archive bucket (bound in the wrapper that stands in front of it). */
const bucket = () => gateway.mf.getR2Bucket("BUCKET", "faulty-archive");
const archived = async () => (await (await bucket()).list({ prefix: "events/" })).objects.length;

/** An event that went dead (the origin failing through its one retry). */
async function deadLetter() {
  origin.state.mode = "fail";
  const delivery = redo();
  assert.equal((await send(delivery)).status, 200);
  await waitFor(
    async () => (await admin("/admin/dead-letters")).body.items.some((item) => item.id === delivery.id),
    20_000,
    "the dead letter",
  );
  origin.state.mode = "ok";
  return delivery;
}

describe("nothing lost when a part fails", () => {
  test("the archive refuses the event: 503, no reservation and no archive left, the sender's retry is queued", async () => {
    origin.state.mode = "ok";
    const delivery = redo();
    const before = await archived();
    faults.archivePut = true;
    try {
      const refused = await send(delivery);
      assert.deepEqual([refused.status, refused.body], [503, { error: "queue_unavailable" }]);
    } finally {
      faults.archivePut = false;
    }
    assert.equal(await archived(), before, "nothing archived");
    assert.equal((await admin(`/admin/events/${encodeURIComponent(delivery.id)}?provider=redo`)).status, 404, "no record left");
    const retried = await send(delivery);
    assert.deepEqual([retried.status, retried.body.queued], [200, true]);
    await waitFor(() => count(delivery.id) === 1, 10_000, "the retried delivery");
  });

  test("the queue refuses the event after it was archived: 503, and the archive object is removed", async () => {
    const delivery = redo();
    const before = await archived();
    faults.queue = true;
    try {
      assert.equal((await send(delivery)).status, 503);
    } finally {
      faults.queue = false;
    }
    assert.equal(await archived(), before, "no orphan archive object");
  });

  test("the confirmation is lost: the sender still gets 200 (the event is queued), and its redelivery is a duplicate", async () => {
    origin.state.mode = "ok";
    const delivery = redo();
    faults.ledger.add("confirm");
    let first;
    try {
      first = await send(delivery);
    } finally {
      faults.ledger.delete("confirm");
    }
    assert.deepEqual([first.status, first.body.queued], [200, true]);
    await waitFor(() => count(delivery.id) === 1, 10_000, "the delivery");
    const again = await send(delivery);
    assert.deepEqual([again.status, again.body.duplicate], [200, true]);
    assert.equal(count(delivery.id), 1);
  });

  test("dead letters while the ledger cannot take them are kept in the archive, then listed once it can", async () => {
    origin.state.mode = "fail";
    const delivery = redo();
    faults.ledger.add("dead");
    try {
      assert.equal((await send(delivery)).status, 200);
      const kept = await bucket();
      await waitFor(async () => (await kept.list({ prefix: "dead-letters/" })).objects.length > 0, 20_000, "the kept dead letter");
    } finally {
      faults.ledger.delete("dead");
      origin.state.mode = "ok";
    }
    const listed = await admin("/admin/dead-letters");
    const item = listed.body.items.find((each) => each.id === delivery.id);
    assert.ok(item, JSON.stringify(listed.body));
    assert.equal(item.route, "default");
    assert.equal((await (await bucket()).list({ prefix: "dead-letters/" })).objects.length, 0, "moved into the ledger");
    assert.equal((await admin(`/admin/events/${encodeURIComponent(delivery.id)}?provider=redo`)).body.status, "dead");
  });
});

describe("nothing written over, nothing sent twice", () => {
  test("a second delivery with the same id and another body is a duplicate: the archived event is never replaced", async () => {
    origin.state.mode = "ok";
    const sample = samples().shopify;
    const headers = (body) => ({
      ...hookgate.signDelivery("shopify", { ...sample, body }, { secret: SECRETS.SHOPIFY_SECRET }).headers,
      "X-Shopify-Event-Id": "evt-same-id",
    });
    const second = sample.body.replace('"id":', '"note":"a different body","id":');
    assert.notEqual(second, sample.body);
    assert.equal((await gateway.send("/webhooks/shopify", { headers: headers(sample.body), body: sample.body })).body.queued, true);
    const duplicate = await gateway.send("/webhooks/shopify", { headers: headers(second), body: second });
    assert.deepEqual([duplicate.status, duplicate.body.duplicate], [200, true]);
    await waitFor(() => count("evt-same-id") === 1, 10_000, "the first delivery");
    assert.equal((await post("/admin/replay", { ids: ["evt-same-id"] })).status, 200);
    await waitFor(() => count("evt-same-id") === 2, 10_000, "the replay");
    const bodies = taken()
      .filter((r) => r.headers["webhook-id"] === "evt-same-id")
      .map((r) => JSON.parse(r.body).data.note);
    assert.deepEqual(bodies, [undefined, undefined], "both sends carry the first body");
  });

  test("two redrives at once send each dead letter once", async () => {
    origin.state.mode = "fail";
    const deliveries = Array.from({ length: 6 }, () => redo());
    for (const delivery of deliveries) assert.equal((await send(delivery)).status, 200);
    const ids = deliveries.map((d) => d.id);
    const deadIds = async () => (await admin("/admin/dead-letters")).body.items.map((item) => item.id);
    await waitFor(
      async () => {
        const dead = await deadIds();
        return ids.every((id) => dead.includes(id));
      },
      30_000,
      "the dead letters",
    );
    origin.state.mode = "ok";
    const [a, b] = await Promise.all([post("/admin/dead-letters/redrive", { ids }), post("/admin/dead-letters/redrive", { ids })]);
    assert.deepEqual([a.status, b.status], [200, 200]);
    assert.equal(a.body.redriven + b.body.redriven, 6, JSON.stringify([a.body, b.body]));
    await waitFor(() => ids.every((id) => count(id) === 1), 10_000, "the redriven deliveries");
    await waitFor(async () =>
      (await Promise.all(ids.map((id) => admin(`/admin/events/${encodeURIComponent(id)}?provider=redo`)))).every(
        (r) => r.body.status === "delivered",
      ),
    );
    for (const id of ids) assert.equal(count(id), 1, id);
  });

  test("a redrive or replay naming another destination reaches only the configured origin", async () => {
    const delivery = await deadLetter();
    const redriven = await post("/admin/dead-letters/redrive", { ids: [delivery.id], url: trap.url, origin: trap.url, route: "default" });
    assert.deepEqual(redriven, { status: 200, body: { redriven: 1 } });
    await waitFor(() => count(delivery.id) === 1, 10_000, "the redriven delivery");
    const replayed = await post("/admin/replay", { ids: [delivery.id], url: trap.url, destination: trap.url });
    assert.deepEqual(replayed, { status: 200, body: { replayed: 1, next: null } });
    await waitFor(() => count(delivery.id) === 2, 10_000, "the replay");
    assert.equal(trap.received.length, 0, "the URL in the request received nothing");
  });
});

describe("every admin call is bounded", () => {
  test("replay by time sends at most `limit` events, oldest first, and a cursor continues where it stopped", async () => {
    origin.state.mode = "ok";
    const from = new Date().toISOString();
    const deliveries = [redo(), redo(), redo()];
    for (const delivery of deliveries) assert.equal((await send(delivery)).status, 200);
    const to = new Date(Date.now() + 1000).toISOString();
    await waitFor(() => deliveries.every((d) => count(d.id) === 1), 10_000, "the deliveries");
    const first = await post("/admin/replay", { from, to, provider: "redo", limit: 2 });
    assert.equal(first.status, 200);
    assert.equal(first.body.replayed, 2);
    assert.equal(typeof first.body.next, "string");
    await waitFor(() => count(deliveries[0].id) === 2 && count(deliveries[1].id) === 2, 10_000, "the first page");
    assert.equal(count(deliveries[2].id), 1, "the third waits for the next page");
    const rest = await post("/admin/replay", { from, to, provider: "redo", limit: 2, cursor: first.body.next });
    assert.deepEqual(rest, { status: 200, body: { replayed: 1, next: null } });
    await waitFor(() => count(deliveries[2].id) === 2, 10_000, "the second page");
    for (const limit of [0, 1001, 2.5, "10"]) {
      assert.equal((await post("/admin/replay", { from, to, limit })).status, 400, `limit ${limit}`);
    }
    assert.equal((await post("/admin/replay", { from, to, cursor: "not a cursor" })).status, 400);
  });

  test("replay and redrive take up to 1000 ids in one call (SQLite binds 100 per statement), and refuse more", async () => {
    origin.state.mode = "ok";
    const deliveries = Array.from({ length: 120 }, () => redo());
    for (const delivery of deliveries) assert.equal((await send(delivery)).status, 200);
    const ids = deliveries.map((d) => d.id);
    const redriven = await post("/admin/dead-letters/redrive", { ids });
    assert.deepEqual(redriven, { status: 200, body: { redriven: 0 } }, "none of them is dead");
    const replayed = await post("/admin/replay", { ids });
    assert.deepEqual(replayed, { status: 200, body: { replayed: 120, next: null } });
    const tooMany = Array.from({ length: 1001 }, (_, i) => `id-${i}`);
    assert.equal((await post("/admin/replay", { ids: tooMany })).status, 400);
    assert.equal((await post("/admin/dead-letters/redrive", { ids: tooMany })).status, 400);
    const unknown = await post("/admin/replay", { ids: [...ids.slice(0, 200), "no-such-event"] });
    assert.deepEqual(unknown, { status: 404, body: { error: "unknown_event", ids: ["no-such-event"] } });
  });

  test("a malformed percent-encoding in an admin path is a 400, not a crash", async () => {
    for (const path of ["/admin/events/%E0%A4%A", "/admin/events/%", "/admin/events/%ZZ?provider=redo"]) {
      assert.deepEqual((await admin(path)).status, 400, path);
    }
  });
});

describe("every accepted event can be taken by its origin", () => {
  test("an id longer than 512 bytes is refused with its reason, and nothing is stored", async () => {
    const before = await archived();
    for (const length of [600, 15_000]) {
      const answer = await send(redo("r".repeat(length)));
      assert.deepEqual([answer.status, answer.body], [400, { error: "invalid_payload" }], `${length}`);
    }
    assert.equal(await archived(), before);
  });

  test("an event whose message would pass the queue's limit with its id travels by archive key, and arrives whole", async () => {
    origin.state.mode = "ok";
    // 118 KB of body and a 500-byte id (three times in the message): over the inline limit only together.
    const delivery = redo("i".repeat(470), { note: "n".repeat(118 * 1024) });
    assert.equal((await send(delivery)).status, 200);
    await waitFor(() => count(delivery.id) === 1, 10_000, "the delivery");
    const arrived = taken().find((r) => r.headers["webhook-id"] === delivery.id);
    assert.equal(arrived.body, hookgate.verifyJson("redo", delivery.init, { secret: SECRETS.REDO_SECRET }));
  });

  test("a body whose event would be larger than 1 MiB is refused 413; the largest accepted verifies with the package's defaults", async () => {
    origin.state.mode = "ok";
    const exactly = redo(undefined, { note: "" });
    const pad = 1024 * 1024 - exactly.init.body.length;
    const refused = await send(redo(undefined, { note: "x".repeat(pad) }));
    assert.deepEqual([refused.status, refused.body], [413, { error: "payload_too_large" }]);
    // The event is the body and a few hundred bytes: this one's is just under 1 MiB.
    const largest = redo(undefined, { note: "x".repeat(pad - 1024) });
    assert.equal((await send(largest)).status, 200);
    await waitFor(() => count(largest.id) === 1, 15_000, "the large delivery");
    const arrived = taken().find((r) => r.headers["webhook-id"] === largest.id);
    const event = hookgate.verify("standard-webhooks", { headers: arrived.headers, body: arrived.body }, { secret: FORWARD_SECRET });
    assert.equal(event.id, largest.id);
  });

  test("each attempt's log line names the event, its route and outcome, and no log line holds a secret", async () => {
    origin.state.mode = "ok";
    const delivery = redo();
    assert.equal((await send(delivery)).status, 200);
    await waitFor(
      () => logLines(gateway.logs).some((line) => line.eventId === delivery.id && "attempt" in line),
      10_000,
      "the attempt's line",
    );
    const line = logLines(gateway.logs).find((each) => each.eventId === delivery.id && "attempt" in each);
    assert.deepEqual([line.provider, line.route, line.outcome, line.attempt], ["redo", "default", "forwarded", 1]);
    assert.equal(typeof line.ms, "number");
    const printed = gateway.logs.join("") + JSON.stringify((await admin("/admin/dead-letters")).body);
    for (const secret of [...Object.values(SECRETS), FORWARD_SECRET, ADMIN_TOKEN])
      assert.ok(!printed.includes(secret), "a secret was printed");
  });
});
