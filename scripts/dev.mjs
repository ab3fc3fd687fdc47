// @ts-check
// The local run: the demo origin on 127.0.0.1:8788 and the gateway in workerd (`wrangler dev`) on
// 127.0.0.1:8787, configured with the demo secrets; `--durable` runs wrangler.toml's [env.durable]
// (Queues, the Dedup Durable Object and R2, all in Miniflare) with the admin endpoints on. State lives
// in build/wrangler-state/. Ctrl-C stops both. Started by scripts/dev.sh.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { ADMIN_TOKEN, demoVars, FORWARD_SECRET, GATEWAY_URL, ORIGIN_PORT } from "../js/dev/demo-config.mjs";
import { startDemoOrigin } from "../js/dev/demo-origin.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const durable = process.argv.includes("--durable");
await startDemoOrigin(ORIGIN_PORT, FORWARD_SECRET);
console.log(`[origin] listening on http://127.0.0.1:${ORIGIN_PORT}/events`);

const vars = { ...demoVars(), ...(durable ? { ADMIN_TOKEN, RETRY_BASE_SECONDS: "2", RETRY_MAX_SECONDS: "60" } : {}) };
const args = ["dev", "--ip", "127.0.0.1", "--port", "8787", "--show-interactive-dev-session=false", "--persist-to", "build/wrangler-state"];
if (durable) args.push("--env", "durable");
args.push(...Object.entries(vars).flatMap(([key, value]) => ["--var", `${key}:${value}`]));
const wrangler = spawn(process.execPath, [`${root}node_modules/wrangler/bin/wrangler.js`, ...args], {
  cwd: root,
  stdio: ["ignore", "inherit", "inherit"],
  env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
});
console.log(`[gateway] starting on ${GATEWAY_URL} in ${durable ? "durable" : "synchronous"} mode (inspector: ${GATEWAY_URL}/inspector/)`);
console.log("[gateway] send every sample with: node js/dev/send-samples.mjs");
if (durable) console.log(`[gateway] dead letters: curl -H 'Authorization: Bearer ${ADMIN_TOKEN}' ${GATEWAY_URL}/admin/dead-letters`);
const stop = () => wrangler.kill("SIGINT");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
wrangler.on("exit", (code) => process.exit(code ?? 0));
