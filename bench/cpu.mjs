// CPU per delivery, as Cloudflare bills it: the gateway's own `fetch` handler (js/worker/index.js, bundled
// as wrangler bundles it) against bench/baseline-worker.js (WebCrypto and JSON, the usual way), called
// directly in this process with the origin's fetch stubbed to answer 204. Paired rounds: each round runs a
// batch through one, then the other, so both see the same machine state; the figure is the median round.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { signDelivery } from "hookgate";
import { median, x } from "./measure.mjs";
import { redoBody, rereadyBody, standardWebhooksBody } from "./payloads.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const ROUNDS = 9;
const BATCH = 1500;
const ORIGIN = "https://origin.example/events";
const env = {
  REDO_SECRET: "cpu-redo-secret",
  REREADY_SECRET: "ssk_cpu_secret",
  STANDARD_WEBHOOKS_SECRET: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  FORWARD_SECRET: "whsec_ZGVtby1mb3J3YXJkLXNlY3JldC1ub3QtZm9yLXByb2R1Y3Rpb24=",
  ORIGIN_URL: ORIGIN,
};
const ctx = { waitUntil() {}, passThroughOnException() {} };

/** The gateway bundled as a Worker is, with `cloudflare:workers` (only its Durable Object class) stubbed. */
async function gatewayHandler() {
  const outfile = `${root}build/bench-cpu/gateway.mjs`;
  await build({
    entryPoints: [`${root}js/worker/index.js`],
    bundle: true,
    format: "esm",
    platform: "node",
    outfile,
    external: ["hookgate"],
    logLevel: "error",
    plugins: [
      {
        name: "cloudflare-workers-stub",
        setup(b) {
          b.onResolve({ filter: /^cloudflare:workers$/ }, () => ({ path: "stub", namespace: "cf" }));
          b.onLoad({ filter: /.*/, namespace: "cf" }, () => ({ contents: "export class DurableObject {}", loader: "js" }));
          // The console's page, bundled as text as wrangler.toml's [[rules]] say.
          b.onLoad({ filter: /\/console\/page\/[^/]+$|\/style\/base\.css$/ }, (args) => ({
            contents: readFileSync(args.path, "utf8"),
            loader: "text",
          }));
        },
      },
    ],
  });
  return (await import(outfile)).default;
}

function deliveries() {
  const now = Math.floor(Date.now() / 1000);
  const base = "https://gateway.example/webhooks";
  return {
    "Redo, 3 KB": signDelivery("redo", { body: redoBody(), url: `${base}/redo` }, { secret: env.REDO_SECRET }),
    "ReReady, 1 KB": signDelivery("reready", { body: rereadyBody(1_000), url: `${base}/reready` }, { secret: env.REREADY_SECRET, now }),
    "Standard Webhooks, 30 KB": signDelivery(
      "standard-webhooks",
      { body: standardWebhooksBody(30_000), url: `${base}/standard-webhooks` },
      { secret: env.STANDARD_WEBHOOKS_SECRET, now },
    ),
  };
}

/** CPU µs (user + system) per delivery for one batch; requests are made before the clock starts. */
async function batchCpu(handler, delivery) {
  const requests = Array.from(
    { length: BATCH },
    () => new Request(delivery.url, { method: "POST", headers: delivery.headers, body: delivery.body }),
  );
  const before = process.cpuUsage();
  for (const request of requests) {
    const response = await handler.fetch(request, env, ctx);
    if (response.status !== 200) throw new Error(`${delivery.url} answered ${response.status}: ${await response.text()}`);
  }
  const used = process.cpuUsage(before);
  return (used.user + used.system) / BATCH;
}

/** @param {ReturnType<import("./measure.mjs").report>} out */
export async function gatewayCpu(out) {
  const gateway = await gatewayHandler();
  const baseline = (await import(`${root}bench/baseline-worker.js`)).default;
  const realFetch = globalThis.fetch;
  const realLog = console.log;
  globalThis.fetch = async (input) => {
    if (String(input instanceof Request ? input.url : input) !== ORIGIN) throw new Error(`unexpected fetch of ${input}`);
    return new Response(null, { status: 204 });
  };
  // Both write a log line per delivery; the line is built (that CPU counts), not printed.
  console.log = () => {};
  const rows = [];
  try {
    for (const [label, delivery] of Object.entries(deliveries())) {
      const hookgate = [];
      const plain = [];
      for (let round = 0; round < ROUNDS; round++) {
        hookgate.push(await batchCpu(gateway, delivery));
        plain.push(await batchCpu(baseline, delivery));
      }
      rows.push({ label, hookgate: median(hookgate), baseline: median(plain) });
    }
  } finally {
    globalThis.fetch = realFetch;
    console.log = realLog;
  }
  out.print(
    `### The gateway's CPU per delivery (its fetch handler called directly, origin stubbed; median of ${ROUNDS} paired rounds of ${BATCH})`,
  );
  out.print();
  out.print("| delivery | hookgate gateway | baseline (WebCrypto + JSON) | baseline / hookgate |");
  out.print("| --- | --- | --- | --- |");
  for (const row of rows) {
    out.print(`| ${row.label} | ${row.hookgate.toFixed(1)} µs | ${row.baseline.toFixed(1)} µs | ${x(row.baseline, row.hookgate)} |`);
    out.target(`gateway CPU ≥ 2x less than the baseline, ${row.label}`, row.baseline / row.hookgate >= 2, x(row.baseline, row.hookgate));
  }
  out.print();
}
