// @ts-check
// The local run: the demo origin, the gateway in workerd (`wrangler dev`) configured with the demo secrets,
// and the inspector as its own static site. `--durable` runs wrangler.toml's [env.durable] (Queues, the
// Dedup Durable Object and R2, all in Miniflare) with the admin endpoints on; its state lives in
// build/wrangler-state/. The secrets go to wrangler in a file only this user can read (build/dev/), never
// on a command line, where `ps` would show them. Ctrl-C stops everything. Started by scripts/dev.sh.
import { spawn } from "node:child_process";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ADMIN_TOKEN, demoVars, FORWARD_SECRET } from "../js/dev/demo-config.mjs";
import { startDemoOrigin } from "../js/dev/demo-origin.mjs";
import { serveInspector } from "../js/dev/inspector-site.mjs";

const USAGE = `Usage: bash scripts/dev.sh [--durable] [--port N] [--origin-port N] [--inspector-port N]

  --durable           durable mode: Queues, Durable Objects and R2 in Miniflare, admin endpoints and console on
  --port N            the gateway's port (default 8787)
  --origin-port N     the demo origin's port (default 8788)
  --inspector-port N  the inspector's port (default 8789)`;

const root = fileURLToPath(new URL("..", import.meta.url));

/** @returns {{ durable: boolean, port: number, originPort: number, inspectorPort: number }} */
function options() {
  try {
    const { values } = parseArgs({
      options: {
        durable: { type: "boolean", default: false },
        port: { type: "string", default: "8787" },
        "origin-port": { type: "string", default: "8788" },
        "inspector-port": { type: "string", default: "8789" },
        help: { type: "boolean", short: "h" },
      },
    });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    const port = (/** @type {string} */ name, /** @type {string} */ text) => {
      if (!/^\d{1,5}$/.test(text) || Number(text) < 1 || Number(text) > 65535)
        throw new Error(`--${name} must be a port number, not "${text}"`);
      return Number(text);
    };
    return {
      durable: values.durable,
      port: port("port", values.port),
      originPort: port("origin-port", values["origin-port"]),
      inspectorPort: port("inspector-port", values["inspector-port"]),
    };
  } catch (error) {
    console.error(`${/** @type {Error} */ (error).message}\n\n${USAGE}`);
    process.exit(2);
  }
}

/** Whether nothing listens on `port` on loopback yet. @param {number} port */
function free(port) {
  return new Promise((resolve) => {
    const probe = createServer()
      .once("error", () => resolve(false))
      .once("listening", () => probe.close(() => resolve(true)));
    probe.listen(port, "127.0.0.1");
  });
}

/** The vars as a dotenv file readable by this user only. @param {Record<string, string>} vars */
function writeVarsFile(vars) {
  const dir = `${root}build/dev`;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = `${dir}/gateway.env`;
  const lines = Object.entries(vars).map(([key, value]) => {
    // Single-quoted values are taken literally by dotenv; the demo values never hold what would end one.
    if (/['\n$]/.test(value)) throw new Error(`the demo value of ${key} cannot be written to a dotenv file`);
    return `${key}='${value}'`;
  });
  writeFileSync(file, `${lines.join("\n")}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
}

const { durable, port, originPort, inspectorPort } = options();
for (const [flag, each] of [
  ["--port", port],
  ["--origin-port", originPort],
  ["--inspector-port", inspectorPort],
]) {
  if (!(await free(/** @type {number} */ (each)))) {
    console.error(`port ${each} is taken on 127.0.0.1 (another \`bash scripts/dev.sh\`?): pass ${flag} with a free one`);
    process.exit(1);
  }
}

const gatewayUrl = `http://127.0.0.1:${port}`;
await startDemoOrigin(originPort, FORWARD_SECRET);
console.log(`[origin] listening on http://127.0.0.1:${originPort}/events`);
const inspector = await serveInspector(inspectorPort);
console.log(`[inspector] ${inspector} (a static site, apart from the gateway)`);

const vars = {
  ...demoVars(originPort),
  ...(durable ? { ADMIN_TOKEN, RETRY_BASE_SECONDS: "2", RETRY_MAX_SECONDS: "60" } : {}),
};
const args = [
  "dev",
  "--ip",
  "127.0.0.1",
  "--port",
  String(port),
  "--show-interactive-dev-session=false",
  "--persist-to",
  "build/wrangler-state",
  "--env-file",
  writeVarsFile(vars),
];
if (durable) args.push("--env", "durable");
const wrangler = spawn(process.execPath, [`${root}node_modules/wrangler/bin/wrangler.js`, ...args], {
  cwd: root,
  stdio: ["ignore", "inherit", "inherit"],
  // No metrics, and no fetch of request.cf data from workers.cloudflare.com: nothing reaches the internet.
  env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
});
console.log(`[gateway] starting on ${gatewayUrl} in ${durable ? "durable" : "synchronous"} mode`);
console.log(`[gateway] send every sample with: node js/dev/send-samples.mjs --gateway ${gatewayUrl}`);
if (durable) {
  console.log(`[console] ${gatewayUrl}/admin/ (the operator's console; its token here: ${ADMIN_TOKEN})`);
  console.log(`[gateway] dead letters: curl -H 'Authorization: Bearer ${ADMIN_TOKEN}' ${gatewayUrl}/admin/dead-letters`);
}
const stop = () => wrangler.kill("SIGINT");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
wrangler.on("exit", (code) => process.exit(code ?? 0));
