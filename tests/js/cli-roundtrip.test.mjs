// The CLI from the packed tarball, as a user installs it: `npm pack` the built package (pkg/), install the
// tarball into a scratch project, and for every provider the installed `hookgate providers` lists, through
// that project's node_modules/.bin/hookgate: verify accepts what sign printed (and refuses it with another
// secret), sign --send delivers what a server verifying with the package accepts, and sign --curl prints a
// line that, run by a shell, sends that same delivery. It packs its own tarball so that it runs alone, in
// any order; scripts/consumer.sh packs the same pkg/ for the framework tests.

import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { providers, verify } from "hookgate";
import { parseHeaderLines } from "hookgate/explain";
import { secretFor } from "./vectors.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const project = mkdtempSync(join(tmpdir(), "hookgate-cli-tarball-"));
after(() => rmSync(project, { recursive: true, force: true }));
const packed = execFileSync("npm", ["pack", "--silent", "--pack-destination", project], { cwd: join(root, "pkg"), encoding: "utf8" });
const tarball = join(project, packed.trim().split("\n").at(-1));
writeFileSync(join(project, "package.json"), '{ "private": true }\n');
execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", tarball], { cwd: project });
const bin = join(project, "node_modules", ".bin", "hookgate");

/**
 * The installed bin, asynchronously (a synchronous child would block the servers in this process).
 * @param {string[]} args @param {string} cwd
 * @returns {Promise<{ code: number, stdout: string, stderr: string }>}
 */
const hookgate = (args, cwd = project) =>
  new Promise((resolve) =>
    execFile(bin, args, { cwd, encoding: "utf8" }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    ),
  );

const listed = await hookgate(["providers"]);
const ids = listed.stdout
  .trim()
  .split("\n")
  .map((line) => line.split(/\s+/)[0]);
const TIMESTAMP = "1767225600";
/** Each provider's secret, and another one, in the form its key takes (`whsec_`, hex, or any string). */
const secretOf = (id) => secretFor(providers(), id, `cli-roundtrip-${id}`);
const wrongSecretOf = (id) => secretFor(providers(), id, `cli-roundtrip-${id}-wrong`);

/** A provider's documented sample (tests/vectors/<id>.json): its body, headers, and hmac scheme. */
function sampleOf(id) {
  const { sample } = JSON.parse(readFileSync(join(root, "tests", "vectors", `${id}.json`), "utf8"));
  const body = typeof sample.body === "string" ? sample.body : JSON.stringify(sample.body);
  return { body, headers: sample.headers ?? {}, hmacArgs: sample.options?.hmac ? ["--hmac", JSON.stringify(sample.options.hmac)] : [] };
}

/** What a sender of a JSON body sends, or of a form (Twilio). */
const contentTypeOf = (body) => (/^\s*[[{]/.test(body) ? "application/json" : "application/x-www-form-urlencoded");

/** A directory of its own per provider, with the sample body in body.txt. */
function workdir(name, id) {
  const dir = join(project, name, id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "body.txt"), sampleOf(id).body);
  return dir;
}

/** One subtest per provider, run two at a time (the parent's concurrency), all awaited. */
const eachProvider = (t, check) => Promise.all(ids.map((id) => t.test(id, () => check(id))));

test("the installed bin lists the providers of the package it came from", () => {
  assert.equal(listed.code, 0, listed.stderr);
  assert.deepEqual(
    ids,
    providers().map((p) => p.id),
  );
});

test("for every provider, verify accepts what sign printed (the sample's headers among it) and refuses another secret", {
  concurrency: 2,
}, async (t) => {
  await eachProvider(t, async (id) => {
    const dir = workdir("printed", id);
    const { headers, hmacArgs } = sampleOf(id);
    const url = `https://receiver.example/webhooks/${id}`;
    // --out-body for every provider: Baback's signed body differs from body.txt, the others' do not.
    const signArgs = ["--body", "body.txt", "--timestamp", TIMESTAMP, "--url", url, "--out-body", "signed.txt", ...hmacArgs];
    const signed = await hookgate(["sign", id, "--secret", secretOf(id), ...signArgs], dir);
    assert.equal(signed.code, 0, signed.stderr);
    writeFileSync(join(dir, "headers.txt"), signed.stdout);
    const printed = new Set(parseHeaderLines(signed.stdout).map(([name]) => name.toLowerCase()));
    for (const name of Object.keys(headers)) assert.ok(printed.has(name.toLowerCase()), `sign ${id} prints no ${name}:\n${signed.stdout}`);
    const signsUrl = providers()
      .find((p) => p.id === id)
      .credentials.some((c) => c.signsUrl);
    if (signsUrl) assert.ok(signed.stdout.startsWith(`# url: ${url}\n`), signed.stdout);

    // No --url: verify reads it from the "# url:" line sign printed.
    const verifyArgs = ["--headers", "headers.txt", "--body", "signed.txt", "--now", TIMESTAMP, ...hmacArgs];
    const accepted = await hookgate(["verify", id, "--secret", secretOf(id), ...verifyArgs], dir);
    assert.equal(accepted.code, 0, accepted.stdout + accepted.stderr);
    assert.match(accepted.stdout, new RegExp(`^verified: ${id} `));
    assert.equal(accepted.stderr, "", "verify skipped a line of what sign printed");
    const refused = await hookgate(["verify", id, "--secret", wrongSecretOf(id), ...verifyArgs], dir);
    assert.equal(refused.code, 1, refused.stdout + refused.stderr);
    assert.match(refused.stdout, /^not verified: /);
  });
});

/**
 * A server that verifies every delivery with the package, for the provider its path names, at the URL
 * it was called (Square and Twilio sign it), and answers 200 with the event's type, or 400 with the code.
 */
async function verifyingServer() {
  /** @type {{ id: string, contentType: string | undefined, type: string }[]} */
  const received = [];
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const url = new URL(/** @type {string} */ (req.url), `http://${req.headers.host}`);
    const id = /** @type {string} */ (url.pathname.split("/").at(-1));
    try {
      const secret = secretOf(id);
      const hmac = JSON.parse(sampleOf(id).hmacArgs[1] ?? "null") ?? undefined;
      const event = verify(
        /** @type {any} */ (id),
        { headers: req.headers, body: Buffer.concat(chunks), url: url.href },
        { secret, token: secret, hmac },
      );
      received.push({ id, contentType: req.headers["content-type"], type: event.type });
      res.writeHead(200).end(event.type);
    } catch (error) {
      res.writeHead(400).end(String(error.code ?? error));
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
  const address = /** @type {import("node:net").AddressInfo} */ (server.address());
  return { origin: `http://127.0.0.1:${address.port}`, received, close: () => new Promise((resolve) => server.close(resolve)) };
}

test("for every provider, sign --send delivers what the package accepts, with the provider's content type", {
  concurrency: 2,
}, async (t) => {
  const server = await verifyingServer();
  try {
    await eachProvider(t, async (id) => {
      const dir = workdir("sent", id);
      const { body, hmacArgs } = sampleOf(id);
      const sent = await hookgate(
        ["sign", id, "--secret", secretOf(id), "--body", "body.txt", "--send", `${server.origin}/webhooks/${id}`, ...hmacArgs],
        dir,
      );
      assert.equal(sent.code, 0, sent.stdout + sent.stderr);
      assert.match(sent.stdout, /^200 /);
      const delivery = server.received.find((each) => each.id === id);
      assert.equal(delivery?.contentType, contentTypeOf(body));
    });
  } finally {
    await server.close();
  }
});

test("for every provider, the line sign --curl prints sends, through a shell, what the package accepts", { concurrency: 2 }, async (t) => {
  await eachProvider(t, async (id) => {
    const dir = workdir("curl", id);
    const { body, hmacArgs } = sampleOf(id);
    const url = `https://receiver.example/webhooks/${id}`;
    const printed = await hookgate(["sign", id, "--secret", secretOf(id), "--body", "body.txt", "--curl", url, ...hmacArgs], dir);
    assert.equal(printed.code, 0, printed.stderr);
    // The shell unquotes the line; a `curl` function hands back the arguments it would have run with.
    const args = await new Promise((resolve, reject) =>
      execFile("sh", ["-c", 'curl() { printf "%s\\0" "$@"; }; eval "$1"', "sh", printed.stdout], (error, stdout) =>
        error ? reject(error) : resolve(stdout.split("\0").slice(0, -1)),
      ),
    );
    assert.equal(args[0], "-i");
    assert.ok(args[1].startsWith(url), args[1]); // returns.cloud's token is added to it
    const headers = args.flatMap((arg, i) => (args[i - 1] === "-H" ? parseHeaderLines(arg) : []));
    const sentBody = args[args.indexOf("--data-binary") + 1];
    const secret = secretOf(id);
    const hmac = JSON.parse(hmacArgs[1] ?? "null") ?? undefined;
    const event = verify(/** @type {any} */ (id), { headers, body: sentBody, url: args[1] }, { secret, token: secret, hmac });
    assert.ok(event.type);
    assert.equal(new Headers(headers).get("content-type"), contentTypeOf(body));
  });
});
