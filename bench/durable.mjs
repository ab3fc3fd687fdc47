// Durable mode against synchronous mode, same run: what the sender waits (p50/p99 of autocannon, 16
// connections, a distinct event per request) with the origin healthy and with it down; and how many
// events/s the queue consumer gets to the origin: while it is healthy, and draining the backlog once it
// comes back after being down.
import autocannon from "autocannon";
import { signDelivery } from "hookgate";
import { waitFor } from "../tests/js/gateway-harness.mjs";
import { startGateway, startOrigin } from "./workers.mjs";

const SECONDS = Number(process.env.LOAD_SECONDS ?? 5);
const CONNECTIONS = 16;
const SECRET = "durable-bench-redo-secret";
const FORWARD_SECRET = "whsec_ZGVtby1mb3J3YXJkLXNlY3JldC1ub3QtZm9yLXByb2R1Y3Rpb24=";
let sequence = 0;

/** A ~1 KB Redo delivery that is a new event each time (its return id differs). @param {string} base */
function nextDelivery(base) {
  sequence++;
  const body = JSON.stringify({
    type: "created",
    at: "2026-01-01T00:00:00Z",
    return: { id: `ret_${sequence}`, status: "pending", items: Array.from({ length: 8 }, (_, i) => ({ sku: `SKU-${i}`, quantity: 1 })) },
  });
  return signDelivery("redo", { body, url: `${base}/webhooks/redo` }, { secret: SECRET });
}

/** @param {string} base */
async function load(base) {
  const first = nextDelivery(base);
  const result = await autocannon({
    url: first.url,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [{ method: "POST", headers: first.headers, setupRequest: (request) => ({ ...request, body: nextDelivery(base).body }) }],
  });
  return {
    ok: result["2xx"],
    other: result.non2xx + result.errors,
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: result.requests.average,
  };
}

/** @param {ReturnType<import("./measure.mjs").report>} out */
export async function durableLoad(out) {
  const origin = await startOrigin();
  const vars = { REDO_SECRET: SECRET, FORWARD_SECRET, ORIGIN_URL: origin.url };
  // Retries a second after a refusal (the shortest Queues allows), so the drain is measured, not the backoff.
  const sync = await startGateway(null, vars);
  const durable = await startGateway("durable", { ...vars, RETRY_BASE_SECONDS: "1", RETRY_MAX_SECONDS: "2" });
  const rows = [];
  try {
    for (const healthy of [true, false]) {
      origin.state.healthy = healthy;
      rows.push({ mode: "synchronous", healthy, ...(await load(sync.url)) });
      const before = origin.state.arrived.size;
      const refusedBefore = origin.state.refused;
      const started = performance.now();
      const run = await load(durable.url);
      const consumer = { rate: "", note: "" };
      if (healthy) {
        await waitFor(() => origin.state.arrived.size - before >= run.ok, 120_000, "the consumer to deliver every accepted event");
        const last = Math.max(...[...origin.state.arrived.values()].slice(before));
        consumer.rate = `${Math.round(run.ok / ((last - started) / 1000))} delivered/s`;
        consumer.note = "all accepted events reached the origin";
      } else {
        // Every accepted event is tried (and refused) at least once before the origin comes back.
        await waitFor(() => origin.state.refused - refusedBefore >= run.ok, 120_000, "a first attempt at every accepted event");
        const attempts = origin.state.refused - refusedBefore;
        const tried = performance.now();
        origin.state.healthy = true;
        await waitFor(() => origin.state.arrived.size - before >= run.ok, 300_000, "the backlog to drain");
        const last = Math.max(...[...origin.state.arrived.values()].slice(before));
        consumer.rate = `${Math.round(attempts / ((tried - started) / 1000))} attempts/s refused while down; ${Math.round(run.ok / ((last - tried) / 1000))} delivered/s draining once back`;
        consumer.note = "all accepted events reached the origin";
      }
      rows.push({ mode: "durable", healthy, ...run, consumer });
    }
  } finally {
    await Promise.all([sync.dispose(), durable.dispose()]);
    origin.close();
  }
  out.print(
    `### Durable against synchronous mode (autocannon, ${CONNECTIONS} connections, ${SECONDS} s each, a distinct ~1 KB Redo event per request)`,
  );
  out.print();
  out.print("| mode | origin | sender p50 ms | sender p99 ms | answered 2xx | other answers | through the consumer |");
  out.print("| --- | --- | --- | --- | --- | --- | --- |");
  for (const r of rows) {
    out.print(
      `| ${r.mode} | ${r.healthy ? "healthy" : "down (503)"} | ${r.p50} | ${r.p99} | ${r.ok} | ${r.other} | ${r.consumer ? `${r.consumer.rate}; ${r.consumer.note}` : "n/a"} |`,
    );
  }
  out.print();
  out.print(
    "Synchronous mode answers the sender with the origin's outcome (502 while it is down, so the sender retries); durable mode answers 200 once the event is archived, deduplicated and enqueued, whatever the origin does.",
  );
  out.print();
  return rows;
}
