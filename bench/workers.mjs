// The Workers the load benchmarks run, in workerd (Miniflare) on a loopback port: the gateway as
// `wrangler deploy` bundles it, with everything wrangler.toml gives it (in durable mode the queues,
// Durable Object and R2 bucket), and the baseline
// Worker (bench/baseline-worker.js) as a plain module Worker. Plus a loopback origin that counts events.
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";
import { unstable_getMiniflareWorkerOptions } from "wrangler";
import { bundleGateway, MODULES_RULES } from "../tests/js/gateway-harness.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const quiet = {
  // Both log a line per delivery; drain them rather than print a million lines.
  handleRuntimeStdio(/** @type {NodeJS.ReadableStream} */ stdout, /** @type {NodeJS.ReadableStream} */ stderr) {
    stdout.resume();
    stderr.resume();
  },
};

/** @param {Miniflare} mf */
async function served(mf) {
  const url = (await mf.ready).toString().replace(/\/$/, "");
  return { url, dispose: () => mf.dispose() };
}

/**
 * The gateway as wrangler.toml describes it (`env`: null or "durable"), with `vars` added.
 * @param {string | null} env @param {Record<string, string>} vars
 */
export async function startGateway(env, vars) {
  const { workerOptions } = unstable_getMiniflareWorkerOptions(`${root}wrangler.toml`, env ?? undefined);
  const mf = new Miniflare({
    ...quiet,
    host: "127.0.0.1",
    port: 0,
    workers: [
      {
        ...workerOptions,
        name: "gateway",
        modules: true,
        scriptPath: `${bundleGateway({ env })}index.js`,
        modulesRules: MODULES_RULES,
        bindings: { ...workerOptions.bindings, ...vars },
      },
    ],
  });
  return served(mf);
}

/** The baseline Worker, with `vars`. @param {Record<string, string>} vars */
export async function startBaseline(vars) {
  const mf = new Miniflare({
    ...quiet,
    host: "127.0.0.1",
    port: 0,
    modules: true,
    scriptPath: `${root}bench/baseline-worker.js`,
    compatibilityDate: "2025-06-01",
    bindings: vars,
  });
  return served(mf);
}

/**
 * A loopback origin: drains each body and answers 204 while `healthy`, 503 otherwise. It records when
 * each event id (its `webhook-id`) first arrived, and counts the attempts it refused.
 */
export async function startOrigin() {
  const state = { healthy: true, refused: 0, arrived: /** @type {Map<string, number>} */ (new Map()) };
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      if (!state.healthy) {
        state.refused++;
        return res.writeHead(503).end();
      }
      const id = String(req.headers["webhook-id"]);
      if (!state.arrived.has(id)) state.arrived.set(id, performance.now());
      res.writeHead(204).end();
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
  const address = /** @type {import("node:net").AddressInfo} */ (server.address());
  return { state, url: `http://127.0.0.1:${address.port}/events`, close: () => server.close() };
}
