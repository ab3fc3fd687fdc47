// The local run: the demo origin on 127.0.0.1:8788 and the gateway in workerd (`wrangler dev`) on
// 127.0.0.1:8787, configured with the demo secrets. Ctrl-C stops both. Started by scripts/dev.sh.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { demoVars, FORWARD_SECRET, GATEWAY_URL, ORIGIN_PORT } from "../js/dev/demo-config.mjs";
import { startDemoOrigin } from "../js/dev/demo-origin.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
await startDemoOrigin(ORIGIN_PORT, FORWARD_SECRET);
console.log(`[origin] listening on http://127.0.0.1:${ORIGIN_PORT}/events`);

const vars = Object.entries(demoVars()).flatMap(([key, value]) => ["--var", `${key}:${value}`]);
const wrangler = spawn(
  process.execPath,
  [
    `${root}node_modules/wrangler/bin/wrangler.js`,
    "dev",
    "--ip",
    "127.0.0.1",
    "--port",
    "8787",
    "--show-interactive-dev-session=false",
    "--persist-to",
    "build/wrangler-state",
    ...vars,
  ],
  {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  },
);
console.log(
  `[gateway] starting on ${GATEWAY_URL} (inspector: ${GATEWAY_URL}/inspector/); send every sample with: node js/dev/send-samples.mjs`,
);
const stop = () => wrangler.kill("SIGINT");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
wrangler.on("exit", (code) => process.exit(code ?? 0));
