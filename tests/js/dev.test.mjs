// The local run (`bash scripts/dev.sh` is setup, build, then scripts/dev.mjs): it takes its ports as
// flags and says which one is taken; started, every provider's sample signed by send-samples.mjs gets its
// 200 through the gateway in workerd; its secrets reach wrangler in a file only this user can read, and
// neither they nor a stack trace from an attempt to reach the internet are printed. Needs Node >= 22.

import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { demoVars } from "../../js/dev/demo-config.mjs";
import { waitFor } from "./gateway-harness.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const dev = `${root}scripts/dev.mjs`;

/** A port nothing listens on, found by listening on port 0 once. */
async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
  const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Runs a node script to its end. @param {string[]} args */
const run = (args) =>
  new Promise((resolve) =>
    execFile(process.execPath, args, { cwd: root, encoding: "utf8" }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    ),
  );

test("a taken port is named with the flag that moves it; a port that is no number is refused", async () => {
  const taken = createServer();
  await new Promise((resolve) => taken.listen(0, "127.0.0.1", () => resolve(undefined)));
  const { port } = /** @type {import("node:net").AddressInfo} */ (taken.address());
  try {
    const answer = await run([dev, "--origin-port", String(port), "--port", String(await freePort())]);
    assert.equal(answer.code, 1);
    assert.match(answer.stderr, new RegExp(`port ${port} is taken .*pass --origin-port with a free one`));
  } finally {
    taken.close();
  }
  const wrong = await run([dev, "--port", "eighty"]);
  assert.notEqual(wrong.code, 0);
  assert.match(wrong.stderr, /--port must be a port number, not "eighty"/);
});

test("started on the ports given, every sample gets its 200, and no secret or stack trace is printed", async () => {
  const [port, originPort, inspectorPort] = [await freePort(), await freePort(), await freePort()];
  const child = spawn(
    process.execPath,
    [dev, "--port", String(port), "--origin-port", String(originPort), "--inspector-port", String(inspectorPort)],
    { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise((resolve) => child.on("exit", resolve));
  try {
    const gateway = `http://127.0.0.1:${port}`;
    await waitFor(async () => (await fetch(`${gateway}/healthz`).catch(() => null))?.status === 200, 60_000, `the gateway on ${gateway}`);
    const samples = await run([`${root}js/dev/send-samples.mjs`, "--gateway", gateway]);
    assert.equal(samples.code, 0, samples.stdout + samples.stderr);
    assert.doesNotMatch(samples.stdout, /✗/);
    const inspector = await fetch(`http://127.0.0.1:${inspectorPort}/inspector/`);
    assert.equal(inspector.status, 200);

    const file = `${root}build/dev/gateway.env`;
    assert.equal(statSync(file).mode & 0o777, 0o600, "the secrets file is this user's alone");
    const secrets = Object.entries(demoVars(originPort)).filter(([name]) => /_(SECRET|TOKEN)$/.test(name));
    assert.ok(secrets.length > 40);
    for (const [name, value] of secrets) {
      assert.ok(readFileSync(file, "utf8").includes(`${name}='${value}'`), name);
      assert.ok(!output.includes(value), `${name}'s value is printed`);
    }
    assert.doesNotMatch(output, /ENOTFOUND|EBADENGINE|\n\s+at /, "no attempt to reach the internet, and no stack trace");
  } finally {
    child.kill("SIGINT");
    await exited;
  }
});
