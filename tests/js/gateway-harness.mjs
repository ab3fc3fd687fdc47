// The gateway Worker as wrangler deploys it, in real workerd (Miniflare): `wrangler deploy --dry-run`
// bundles js/worker/ once per test run (scripts/test.sh does it first; a test file run alone does it
// itself), and each test starts it with the bindings it needs. Needs Node >= 22 (Miniflare 4).
import { execFileSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";
import { unstable_getMiniflareWorkerOptions } from "wrangler";

const root = fileURLToPath(new URL("../../", import.meta.url));
export const BUNDLE_DIR = `${root}build/gateway-bundle/`;
/** The bundle's modules besides JavaScript, as wrangler.toml's [[rules]] make them: the core, and the console's page as text. */
export const MODULES_RULES = [
  { type: "CompiledWasm", include: ["**/*.wasm"] },
  { type: "Text", include: ["**/*.html", "**/*.css", "**/*-console.js"] },
];

/** Bundles the gateway as `wrangler deploy [--env durable]` would (skipped when scripts/test.sh already did). */
export function bundleGateway({ env = null, force = false } = {}) {
  const dir = env ? `${root}build/gateway-${env}/` : BUNDLE_DIR;
  if (!force && existsSync(`${dir}index.js`)) return dir;
  // wrangler adds to an existing outdir: start empty, so the folder holds this bundle only.
  rmSync(dir, { recursive: true, force: true });
  const args = ["deploy", "--dry-run", "--outdir", dir, ...(env ? ["--env", env] : [])];
  execFileSync(process.execPath, [`${root}node_modules/wrangler/bin/wrangler.js`, ...args], {
    cwd: root,
    stdio: "pipe",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  });
  return dir;
}

/**
 * The durable gateway as wrangler.toml's `[env.durable]` describes it (its queues, dead-letter queue,
 * Dedup Durable Object and R2 bucket, through wrangler's own reading of the file), bundled as deployed,
 * with `vars` added. `consumers` overrides queue consumer settings (a test shortens max_retries);
 * `workers` adds workers beside it (a wrapped binding that injects faults); `listen` serves it on a
 * loopback port as well (`url`), for a browser.
 */
export async function startDurableGateway(vars, { consumers = {}, workers = [], gateway = {}, listen = false } = {}) {
  const { workerOptions } = unstable_getMiniflareWorkerOptions(`${root}wrangler.toml`, "durable");
  const queueConsumers = Object.fromEntries(
    Object.entries(workerOptions.queueConsumers).map(([queue, settings]) => [queue, { ...settings, ...consumers[queue] }]),
  );
  const logs = [];
  const mf = new Miniflare({
    ...(listen ? { host: "127.0.0.1", port: 0 } : {}),
    handleRuntimeStdio(stdout, stderr) {
      stdout.on("data", (chunk) => logs.push(String(chunk)));
      stderr.on("data", (chunk) => logs.push(String(chunk)));
    },
    workers: [
      {
        ...workerOptions,
        assets: undefined,
        name: "gateway",
        rootPath: root,
        modules: true,
        scriptPath: `${bundleGateway({ env: "durable" })}index.js`,
        modulesRules: MODULES_RULES,
        bindings: { ...workerOptions.bindings, ...vars },
        queueConsumers,
        ...gateway,
      },
      ...workers,
    ],
  });
  const url = await mf.ready;
  return { mf, url, logs, send: sender(mf), dispose: () => mf.dispose() };
}

/** POSTs to the gateway and parses its JSON answer. @param {Miniflare} mf */
function sender(mf) {
  return async (path, init = {}) => {
    const response = await mf.dispatchFetch(`http://gateway.test${path}`, { method: "POST", ...init });
    const text = await response.text();
    const json = response.headers.get("content-type")?.startsWith("application/json");
    return { status: response.status, body: text && json ? JSON.parse(text) : null, text, headers: response.headers };
  };
}

/**
 * Starts the bundled gateway with `bindings` as its vars. Returns `{ mf, logs, send, dispose }`: `logs`
 * collects what the Worker printed, `send(path, init)` POSTs and parses the answer when it is JSON.
 */
export async function startGateway(bindings, options = {}) {
  const logs = [];
  const mf = new Miniflare({
    modules: true,
    scriptPath: `${bundleGateway()}index.js`,
    modulesRules: MODULES_RULES,
    compatibilityDate: "2025-06-01",
    bindings,
    handleRuntimeStdio(stdout, stderr) {
      stdout.on("data", (chunk) => logs.push(String(chunk)));
      stderr.on("data", (chunk) => logs.push(String(chunk)));
    },
    ...options,
  });
  await mf.ready;
  return { mf, logs, send: sender(mf), dispose: () => mf.dispose() };
}

/** The JSON lines the Worker printed so far. */
export function logLines(logs) {
  return logs
    .join("")
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line));
}

/**
 * Waits (bounded) until `condition` holds: what workerd and its queues do happens on their own schedule.
 * It polls every 20 ms (not a sleep standing in for an event: it returns as soon as the condition holds).
 */
export async function waitFor(condition, timeoutMs = 5000, what = "workerd") {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Options for `startDurableGateway` that put the gateway's queue, archive and ledger behind wrappers that
 * fail on demand: `faults.queue` fails every send, `faults.archivePut` every R2 put, and a Dedup method
 * named in `faults.ledger` (a Set) every call of it. Each wrapper asks the test (this process) at every
 * call, so a test turns a fault on and off between deliveries.
 */
export function faultyBindings(faults) {
  const control = (request) => {
    const what = new URL(request.url).pathname.slice(1);
    const failing = what === "queue" ? faults.queue : what === "archive-put" ? faults.archivePut : faults.ledger.has(what);
    return new Response(failing ? "fail" : "ok");
  };
  const ask = `const failing = async (what) => (await (await env.CONTROL.fetch("http://control/" + what)).text()) === "fail";`;
  return {
    gateway: {
      queueProducers: {},
      r2Buckets: {},
      durableObjects: {},
      wrappedBindings: { DELIVERIES: "faulty-queue", ARCHIVE: "faulty-archive", DEDUP: "faulty-ledger" },
    },
    workers: [
      {
        name: "faulty-queue",
        modules: true,
        script: `export default function (env) {
          ${ask}
          const injected = () => new Error("the queue is unavailable (injected by the test)");
          return {
            async send(body, options) { if (await failing("queue")) throw injected(); return env.QUEUE.send(body, options); },
            async sendBatch(messages, options) { if (await failing("queue")) throw injected(); return env.QUEUE.sendBatch(messages, options); },
          };
        }`,
        queueProducers: { QUEUE: "hookgate-deliveries" },
        serviceBindings: { CONTROL: control },
      },
      {
        name: "faulty-archive",
        modules: true,
        script: `export default function (env) {
          ${ask}
          return {
            async put(...args) { if (await failing("archive-put")) throw new Error("R2 is unavailable (injected by the test)"); return env.BUCKET.put(...args); },
            get: (...args) => env.BUCKET.get(...args),
            delete: (...args) => env.BUCKET.delete(...args),
            list: (...args) => env.BUCKET.list(...args),
          };
        }`,
        r2Buckets: { BUCKET: "hookgate-archive" },
        serviceBindings: { CONTROL: control },
      },
      {
        name: "faulty-ledger",
        modules: true,
        script: `export default function (env) {
          ${ask}
          const stub = (real) => new Proxy({}, {
            get: (_, method) => typeof method !== "string" || method === "then" ? undefined : async (...args) => {
              if (await failing(method)) throw new Error("the ledger is unavailable (injected by the test)");
              return real[method](...args);
            },
          });
          return { idFromName: (name) => env.NS.idFromName(name), get: (id) => stub(env.NS.get(id)) };
        }`,
        durableObjects: { NS: { className: "Dedup", scriptName: "gateway", useSQLite: true } },
        serviceBindings: { CONTROL: control },
      },
    ],
  };
}
