// The gateway Worker as wrangler deploys it, in real workerd (Miniflare): `wrangler deploy --dry-run`
// bundles js/worker/ once per test run (scripts/test.sh does it first; a test file run alone does it
// itself), and each test starts it with the bindings it needs. Needs Node >= 22 (Miniflare 4).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";

const root = fileURLToPath(new URL("../../", import.meta.url));
export const BUNDLE_DIR = `${root}build/gateway-bundle/`;

/** Bundles the gateway as `wrangler deploy` would (skipped when scripts/test.sh already did). */
export function bundleGateway({ force = false } = {}) {
  if (!force && existsSync(`${BUNDLE_DIR}index.js`)) return BUNDLE_DIR;
  execFileSync(process.execPath, [`${root}node_modules/wrangler/bin/wrangler.js`, "deploy", "--dry-run", "--outdir", BUNDLE_DIR], {
    cwd: root,
    stdio: "pipe",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  });
  return BUNDLE_DIR;
}

/**
 * Starts the bundled gateway with `bindings` as its vars. Returns `{ mf, logs, send, dispose }`: `logs`
 * collects what the Worker printed, `send(path, init)` POSTs and parses the JSON answer.
 */
export async function startGateway(bindings, options = {}) {
  const logs = [];
  const mf = new Miniflare({
    modules: true,
    scriptPath: `${bundleGateway()}index.js`,
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: "2025-06-01",
    bindings,
    handleRuntimeStdio(stdout, stderr) {
      stdout.on("data", (chunk) => logs.push(String(chunk)));
      stderr.on("data", (chunk) => logs.push(String(chunk)));
    },
    ...options,
  });
  await mf.ready;
  const send = async (path, init = {}) => {
    const response = await mf.dispatchFetch(`http://gateway.test${path}`, { method: "POST", ...init });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null, text, headers: response.headers };
  };
  return { mf, logs, send, dispose: () => mf.dispose() };
}

/** The JSON lines the Worker printed so far. */
export function logLines(logs) {
  return logs
    .join("")
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line));
}

/** Waits (bounded) for a condition on output that workerd writes on its own schedule. */
export async function waitFor(condition, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for workerd output");
    await new Promise((resolve) => setImmediate(resolve));
  }
}
