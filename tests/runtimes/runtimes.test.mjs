// The package under Deno and Bun, the runtimes the README names besides Node, Workers and browsers: in a
// scratch project with the packed tarball in node_modules, every vector of every provider the package
// has (accept and reject) through `verify` and through `verifyRequest` with a real Request, and the
// Deno and Bun snippets of docs/javascript.md run as written, with the permissions they give.
// Deno and Bun are npm's Linux x64 builds (optional dependencies of the root package.json); on another
// platform each test says it was skipped and why.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { providers } from "hookgate";
import { loadVectors } from "../js/vectors.mjs";
import { block, packedProject, root, section, startServer, stripeDelivery } from "./support.mjs";

const RUNTIMES = {
  deno: { binary: "node_modules/@deno/linux-x64-glibc/deno", from: "@deno/linux-x64-glibc" },
  bun: { binary: "node_modules/@oven/bun-linux-x64/bin/bun", from: "@oven/bun-linux-x64" },
};

/** Why `name` cannot run here, or null when it can (and then its binary must be installed). */
function skipReason(name) {
  const { from } = RUNTIMES[name];
  if (process.platform !== "linux" || process.arch !== "x64") {
    return `${name} is tested with ${from}, npm's Linux x64 build; this is ${process.platform}-${process.arch}`;
  }
  // The process report's header has glibcVersionRuntime on glibc Linux only.
  if (!process.report.getReport().header.glibcVersionRuntime) return `${from} needs glibc; this Linux has another C library`;
  if (name === "bun" && !/\bavx2\b/.test(readFileSync("/proc/cpuinfo", "utf8"))) return `${from} needs a CPU with AVX2`;
  return null;
}

/** The binary of `name`; on Linux x64 a missing one fails the test rather than skipping it. */
function binary(name) {
  const path = `${root}${RUNTIMES[name].binary}`;
  assert.ok(existsSync(path), `${path} is missing: bash scripts/setup.sh installs it (npm ci, optional dependency ${RUNTIMES[name].from})`);
  return path;
}

// node:test skips on any value but undefined and false, null included.
const skipDeno = skipReason("deno") ?? false;
const skipBun = skipReason("bun") ?? false;

const ids = new Set(providers().map((provider) => provider.id));
// tests/vectors/ also holds vectors for providers not built yet: only the package's own are run.
const vectors = loadVectors().filter((vector) => ids.has(vector.provider));

const deno = section("docs/javascript.md", "## Deno", "## ");
const bun = section("docs/javascript.md", "## Bun", "## ");
// The flags docs/javascript.md gives `deno serve`; the vectors run with its --allow-read alone.
const denoCommand = /^(?:\w+=\S+ )*deno serve (.*) main\.mjs$/m.exec(block(deno, "sh"));
const denoFlags = denoCommand ? denoCommand[1].split(" ") : [];

let project = { dir: "", remove: () => {} };
before(() => {
  project = packedProject();
  copyFileSync(`${root}tests/runtimes/check.mjs`, `${project.dir}/check.mjs`);
  copyFileSync(`${root}tests/js/vector-check.mjs`, `${project.dir}/vector-check.mjs`);
});
after(() => project.remove());

/** Runs check.mjs under `command args…` with the vectors on stdin. */
function check(command, args) {
  return spawnSync(command, [...args, "check.mjs"], {
    cwd: project.dir,
    input: JSON.stringify(vectors),
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** Asserts check.mjs's report: every vector run both ways, no problem, every provider accepted and rejected. */
function assertReport(t, result) {
  assert.equal(result.status, 0, result.stderr);
  const report = JSON.parse(result.stdout.trim().split("\n").pop() ?? "");
  assert.deepEqual(report.problems, []);
  assert.equal(report.vectors, vectors.length);
  assert.equal(report.verifyRuns, vectors.length * 6); // three header forms × two body forms
  assert.equal(report.requestRuns + report.notCarried.length, vectors.length);
  assert.ok(report.requestRuns > 0);
  for (const id of ids) {
    const counts = report.perProvider[id];
    assert.ok(counts?.accept > 0 && counts?.reject > 0, `${id}: vectors accepted and rejected, got ${JSON.stringify(counts)}`);
  }
  t.diagnostic(
    `${report.runtime}: ${report.vectors} vectors of ${ids.size} providers, ${report.verifyRuns} verify runs, ` +
      `${report.requestRuns} verifyRequest runs (${report.notCarried.length} not: ${report.notCarried.join("; ")})`,
  );
}

/** Starts a docs server, then: a signed delivery is 200 with the event id, a forged one 401. */
async function assertServes(server, port) {
  try {
    const url = `http://127.0.0.1:${port}/`;
    const ok = await fetch(url, await stripeDelivery(url, "whsec_runtime_doc"));
    assert.deepEqual([ok.status, await ok.json()], [200, { received: "evt_runtime" }]);
    const forged = await fetch(url, await stripeDelivery(url, "whsec_guess"));
    assert.deepEqual([forged.status, await forged.json()], [401, { error: "signature_mismatch" }]);
  } finally {
    await server.stop();
  }
}

test("Deno: every vector through verify and verifyRequest, with docs/javascript.md's --allow-read", { skip: skipDeno }, (t) => {
  assert.deepEqual(denoFlags, ["--allow-read=node_modules/hookgate", "--allow-env=STRIPE_SECRET"]);
  const readOnly = denoFlags.filter((flag) => flag.startsWith("--allow-read"));
  assertReport(t, check(binary("deno"), ["run", ...readOnly]));
});

test("Deno: without --allow-read the package cannot load its wasm, as the docs say", { skip: skipDeno }, () => {
  const result = check(binary("deno"), ["run"]);
  assert.notEqual(result.status, 0);
  assert.match(result.stderr, /NotCapable: Requires read access to "[^"]*node_modules\/hookgate\/hookgate_bg\.wasm"/);
});

test("Deno: docs/javascript.md's server runs under deno serve as written", { skip: skipDeno }, async () => {
  writeFileSync(`${project.dir}/main.mjs`, block(deno, "js"));
  const server = await startServer(binary("deno"), ["serve", ...denoFlags, "--host", "127.0.0.1", "--port", "0", "main.mjs"], {
    cwd: project.dir,
    env: { STRIPE_SECRET: "whsec_runtime_doc" },
    ready: /Listening on http:\/\/[^:]+:(\d+)/,
  });
  await assertServes(server, server.match[1]);
});

test("Bun: every vector through verify and verifyRequest", { skip: skipBun }, (t) => {
  assertReport(t, check(binary("bun"), []));
});

test("Bun: docs/javascript.md's server runs as written", { skip: skipBun }, async () => {
  assert.match(block(bun, "sh"), /^STRIPE_SECRET=\S+ bun server\.mjs$/m);
  writeFileSync(`${project.dir}/server.mjs`, block(bun, "js"));
  const server = await startServer(binary("bun"), ["server.mjs"], {
    cwd: project.dir,
    env: { STRIPE_SECRET: "whsec_runtime_doc", PORT: "0" },
    ready: /listening on http:\/\/[^:]+:(\d+)/,
  });
  await assertServes(server, server.match[1]);
});
