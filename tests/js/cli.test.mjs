// The CLI (`npx hookgate`), run as a user runs it: sign (headers, curl, send), verify, help, exit codes.

import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { createHandler } from "hookgate/node";

const cli = fileURLToPath(new URL("../../pkg/cli.mjs", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "hookgate-cli-"));
const body = join(dir, "body.json");
writeFileSync(body, '{"device_return_id":"d1","state":"complete","test":false}');
const run = (...args) => spawnSync(process.execPath, [cli, ...args], { encoding: "utf8" });

test("sign prints the headers a provider would send", () => {
  const out = run("sign", "reready", "--secret", "ssk_cli", "--body", body, "--timestamp", "1767225600");
  assert.equal(out.status, 0, out.stderr);
  assert.match(out.stdout, /^X-ReReady-Signature-512: t=1767225600,v=[0-9a-f]{128}$/m);
});

test("sign, then verify the captured headers and body: verified, and a tampered body is not", () => {
  const signed = run("sign", "reready", "--secret", "ssk_cli", "--body", body, "--timestamp", "1767225600");
  const headers = join(dir, "headers.txt");
  writeFileSync(headers, signed.stdout);
  const ok = run("verify", "reready", "--secret", "ssk_cli", "--headers", headers, "--body", body, "--now", "1767225600");
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /^verified: reready device_return\.status_changed/);
  const tampered = join(dir, "tampered.json");
  writeFileSync(tampered, '{"device_return_id":"d1","state":"failed","test":false}');
  const bad = run("verify", "reready", "--secret", "ssk_cli", "--headers", headers, "--body", tampered, "--now", "1767225600");
  assert.equal(bad.status, 1);
  assert.match(bad.stdout, /^not verified: signature_mismatch/);
  assert.ok(!bad.stdout.includes("ssk_cli"));
  // What the secret signs, in full, to compare with what the user's own code computes.
  const signedString = `1767225600.${'{"device_return_id":"d1","state":"failed","test":false}'}`;
  assert.ok(bad.stdout.includes(`signed string (${signedString.length} bytes): ${JSON.stringify(signedString)}`), bad.stdout);
  assert.match(bad.stdout, /with secret #1: [0-9a-f]{128}\n/);
});

test("sign --curl prints a curl line; sign --send delivers and prints the answer", async () => {
  const curl = run("sign", "redo", "--secret", "s", "--body", body, "--curl", "http://127.0.0.1:1/webhooks/redo");
  assert.match(curl.stdout, /^curl -i -X POST 'http:\/\/127\.0\.0\.1:1\/webhooks\/redo' .*-H 'Authorization: Bearer s'/);
  const seen = [];
  const server = createServer(createHandler("reready", { secret: "ssk_cli" }, (event) => seen.push(event.subject.id)));
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const url = `http://127.0.0.1:${server.address().port}/webhooks/reready`;
    // Asynchronously: a synchronous child would block the server living in this process.
    const sent = await new Promise((resolve) =>
      execFile(process.execPath, [cli, "sign", "reready", "--secret", "ssk_cli", "--body", body, "--send", url], (error, stdout) =>
        resolve({ code: error?.code ?? 0, stdout }),
      ),
    );
    assert.equal(sent.code, 0);
    assert.match(sent.stdout, /^200 \{"ok":true\}/);
    assert.deepEqual(seen, ["d1"]);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

test("help, usage errors and unknown providers", () => {
  assert.match(run("--help").stdout, /Commands:\n\s+sign <provider>/);
  assert.match(run("sign", "--help").stdout, /--send URL/);
  assert.match(run("verify", "--help").stdout, /--headers FILE/);
  const unknown = run("sign", "nope", "--secret", "s", "--body", body);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown provider "nope"/);
  assert.equal(run("sign", "reready").status, 2);
  assert.equal(run("frobnicate").status, 2);
});
