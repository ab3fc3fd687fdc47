// node bench/gateway-load.mjs (Node >= 22): a load run with autocannon against the hookgate gateway and
// against a baseline Worker doing the same job the usual JS way (bench/baseline-worker.js), both in
// workerd (Miniflare), in front of the same loopback origin, in one run. Writes its table into
// bench/RESULTS.md.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { signDelivery } from "hookgate";
import { Miniflare } from "miniflare";
import { rereadyBody } from "./payloads.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const SECONDS = Number(process.env.LOAD_SECONDS ?? 10);
const FORWARD_SECRET = "whsec_ZGVtby1mb3J3YXJkLXNlY3JldC1ub3QtZm9yLXByb2R1Y3Rpb24=";
const secrets = { REDO_SECRET: "load-redo-secret", REREADY_SECRET: "ssk_load_secret" };

execFileSync(
  process.execPath,
  [`${root}node_modules/wrangler/bin/wrangler.js`, "deploy", "--dry-run", "--outdir", `${root}build/gateway-load`],
  {
    cwd: root,
    stdio: "pipe",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  },
);

// The origin: drains the body and answers 204 (it is the same for both, so it is not what is measured).
const origin = createServer((req, res) => {
  req.resume();
  req.on("end", () => res.writeHead(204).end());
});
await new Promise((resolve) => origin.listen(0, "127.0.0.1", resolve));
const bindings = { ...secrets, FORWARD_SECRET, ORIGIN_URL: `http://127.0.0.1:${origin.address().port}/events` };

const start = (scriptPath) =>
  new Miniflare({
    modules: true,
    scriptPath,
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: "2025-06-01",
    bindings,
    host: "127.0.0.1",
    port: 0,
    // Both log a line per delivery; drain them rather than print a million lines.
    handleRuntimeStdio(stdout, stderr) {
      stdout.resume();
      stderr.resume();
    },
  });
const workers = { hookgate: start(`${root}build/gateway-load/index.js`), baseline: start(`${root}bench/baseline-worker.js`) };
const urls = Object.fromEntries(
  await Promise.all(Object.entries(workers).map(async ([name, mf]) => [name, (await mf.ready).toString().replace(/\/$/, "")])),
);

const redoBody = JSON.stringify({
  type: "created",
  at: "2026-01-01T00:00:00Z",
  return: { id: "64df65d4c5a4ca3eff4b4e43", status: "pending", ...JSON.parse(rereadyBody(2_850)) },
}); // ~3 KB
const rereadyOneKb = rereadyBody(1_000);
const deliveries = {
  "Redo, 3 KB": (base) => signDelivery("redo", { body: redoBody, url: `${base}/webhooks/redo` }, { secret: secrets.REDO_SECRET }),
  "ReReady, 1 KB": (base) =>
    signDelivery("reready", { body: rereadyOneKb, url: `${base}/webhooks/reready` }, { secret: secrets.REREADY_SECRET }),
};

async function load(delivery) {
  // Both answer 200 before the run, or the run would measure errors.
  const check = await fetch(delivery.url, { method: "POST", headers: delivery.headers, body: delivery.body });
  if (check.status !== 200) throw new Error(`${delivery.url} answered ${check.status}: ${await check.text()}`);
  const result = await autocannon({
    url: delivery.url,
    method: "POST",
    headers: delivery.headers,
    body: delivery.body,
    connections: 16,
    duration: SECONDS,
  });
  if (result.non2xx || result.errors) throw new Error(`${delivery.url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

const rows = ["| delivery | worker | requests/s | p50 ms | p99 ms |", "| --- | --- | --- | --- | --- |"];
for (const [label, make] of Object.entries(deliveries)) {
  for (const name of Object.keys(workers)) {
    const r = await load(make(urls[name]));
    rows.push(
      `| ${label} | ${name === "hookgate" ? "hookgate gateway (wasm)" : "baseline (WebCrypto + JSON)"} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} |`,
    );
    console.log(rows.at(-1));
  }
}
await Promise.all(Object.values(workers).map((mf) => mf.dispose()));
origin.close();

const machine = `${cpus()[0].model}, ${cpus().length} cores, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
const section = `<!-- gateway-load:start -->\n### Gateway under load (autocannon, 16 connections, ${SECONDS} s each, both Workers in workerd via Miniflare, loopback origin)\n\nRun by \`node bench/gateway-load.mjs\` on: ${machine}.\n\n${rows.join("\n")}\n\nOn two cores shared by autocannon, both workerd instances and the origin, requests/s is bound by the HTTP\nwork around the verification. The gateway also does more per request than the baseline: a bounded\nstreaming read, constant-time comparisons, and the forward signature computed in wasm rather than by\nnative WebCrypto.\n<!-- gateway-load:end -->`;
const resultsPath = `${root}bench/RESULTS.md`;
const results = readFileSync(resultsPath, "utf8");
const marked = /<!-- gateway-load:start -->[\s\S]*<!-- gateway-load:end -->/;
writeFileSync(resultsPath, marked.test(results) ? results.replace(marked, section) : `${results}\n${section}\n`);
