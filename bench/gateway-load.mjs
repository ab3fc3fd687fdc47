// The gateway under load: autocannon (32 connections) against the gateway as wrangler.toml configures it
// (webhooks only: the inspector is its own site), and against the baseline Worker doing the same job the usual JS way
// (bench/baseline-worker.js), both in workerd in front of the same loopback origin. Rounds alternate
// between the two so both see the same machine; each figure is the median round.
import autocannon from "autocannon";
import { signDelivery } from "hookgate";
import { median, x } from "./measure.mjs";
import { redoBody, rereadyBody } from "./payloads.mjs";
import { startBaseline, startGateway, startOrigin } from "./workers.mjs";

const SECONDS = Number(process.env.LOAD_SECONDS ?? 5);
const ROUNDS = 3;
const CONNECTIONS = 32;
const secrets = { REDO_SECRET: "load-redo-secret", REREADY_SECRET: "ssk_load_secret" };
const FORWARD_SECRET = "whsec_ZGVtby1mb3J3YXJkLXNlY3JldC1ub3QtZm9yLXByb2R1Y3Rpb24=";

/** @type {Record<string, (base: string) => { url: string, headers: Record<string, string>, body: string }>} */
const deliveries = {
  "Redo, 3 KB": (base) => signDelivery("redo", { body: redoBody(), url: `${base}/webhooks/redo` }, { secret: secrets.REDO_SECRET }),
  "ReReady, 1 KB": (base) =>
    signDelivery("reready", { body: rereadyBody(1_000), url: `${base}/webhooks/reready` }, { secret: secrets.REREADY_SECRET }),
};

/** One autocannon run; every answer must be a 2xx or the run measured errors. @param {{ url: string, headers: Record<string, string>, body: string }} delivery */
async function load(delivery) {
  const check = await fetch(delivery.url, { method: "POST", headers: delivery.headers, body: delivery.body });
  if (check.status !== 200) throw new Error(`${delivery.url} answered ${check.status}: ${await check.text()}`);
  const result = await autocannon({ ...delivery, method: "POST", connections: CONNECTIONS, duration: SECONDS });
  if (result.non2xx || result.errors) throw new Error(`${delivery.url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

/** @param {ReturnType<import("./measure.mjs").report>} out */
export async function gatewayLoad(out) {
  const origin = await startOrigin();
  const vars = { ...secrets, FORWARD_SECRET, ORIGIN_URL: origin.url };
  const workers = {
    hookgate: await startGateway(null, vars),
    baseline: await startBaseline(vars),
  };
  const who = {
    hookgate: "hookgate gateway (wasm; wrangler.toml as deployed)",
    baseline: "baseline (WebCrypto + JSON)",
  };
  out.print(
    `### The gateway under load (autocannon, ${CONNECTIONS} connections, ${SECONDS} s a round, ${ROUNDS} alternating rounds each; workerd via Miniflare; the real wrangler.toml)`,
  );
  out.print();
  out.print("| delivery | worker | requests/s | p50 ms | p99 ms |");
  out.print("| --- | --- | --- | --- | --- |");
  try {
    for (const [label, make] of Object.entries(deliveries)) {
      /** @type {Record<string, { rps: number, p50: number, p99: number }[]>} */
      const rounds = { hookgate: [], baseline: [] };
      for (let round = 0; round < ROUNDS; round++) {
        for (const [name, worker] of Object.entries(workers)) rounds[name].push(await load(make(worker.url)));
      }
      const summary = Object.fromEntries(
        Object.entries(rounds).map(([name, rs]) => [
          name,
          { rps: median(rs.map((r) => r.rps)), p50: median(rs.map((r) => r.p50)), p99: median(rs.map((r) => r.p99)) },
        ]),
      );
      for (const [name, r] of Object.entries(summary)) {
        out.print(
          `| ${label} | ${who[/** @type {keyof typeof who} */ (name)]} | ${Math.round(r.rps)} (${x(r.rps, summary.baseline.rps)}) | ${r.p50} | ${r.p99} |`,
        );
      }
      const { hookgate, baseline } = summary;
      out.target(`gateway requests/s ≥ the baseline's, ${label}`, hookgate.rps >= baseline.rps, x(hookgate.rps, baseline.rps));
      out.target(`gateway p99 ≤ the baseline's, ${label}`, hookgate.p99 <= baseline.p99, `${hookgate.p99} ms vs ${baseline.p99} ms`);
    }
  } finally {
    await Promise.all(Object.values(workers).map((worker) => worker.dispose()));
    origin.close();
  }
  out.print();
}
