// The CLI section of docs/javascript.md, run: each command of its sh block in order, as written, in a
// folder holding the files it names (each provider's documented sample, and a curl -v capture) with the
// secrets it names in the environment. `npx hookgate` is pkg/cli.mjs and http://localhost:8787 a server
// here that verifies with the package. Each command must exit 0 (verify does only when the delivery
// verifies, --send only on a 2xx), and the line --curl prints must deliver too. Every option of
// `sign --help` and `verify --help` is in the section.

import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { signDelivery, verify } from "hookgate";

const cli = fileURLToPath(new URL("../../pkg/cli.mjs", import.meta.url));
const doc = readFileSync(new URL("../../docs/javascript.md", import.meta.url), "utf8");
const section = /^## The CLI\n([\s\S]*?)^## /m.exec(doc)?.[1] ?? "";
const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
const commands = block
  .replaceAll("\\\n", "")
  .split("\n")
  .filter((line) => line.trim() && !line.startsWith("#"));

/** The secrets the commands read from the environment, by provider. */
const SECRETS = {
  stripe: "whsec_docs_stripe",
  shopify: "shpss_docs",
  twilio: "twilio_docs_token",
  baback: "baback_docs",
  reready: "rr_docs_token",
};
const env = {
  ...process.env,
  STRIPE_SECRET: SECRETS.stripe,
  SHOPIFY_SECRET: SECRETS.shopify,
  TWILIO_AUTH_TOKEN: SECRETS.twilio,
  BABACK_SECRET: SECRETS.baback,
  REREADY_TOKEN: SECRETS.reready,
};
const sample = (id) => JSON.parse(readFileSync(new URL(`../vectors/${id}.json`, import.meta.url), "utf8")).sample.body;

const dir = mkdtempSync(join(tmpdir(), "hookgate-cli-docs-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const files = {
  "event.json": "stripe",
  "order.json": "shopify",
  "message.txt": "twilio",
  "return.json": "baback",
  "payload.json": "reready",
};
for (const [name, id] of Object.entries(files)) writeFileSync(join(dir, name), sample(id));
// What `curl -v` prints on stderr for a Stripe delivery: its "> " lines are the request's headers.
const stripe = signDelivery("stripe", { body: sample("stripe") }, { secret: SECRETS.stripe });
const curlV = [
  "*   Trying 127.0.0.1:8787...",
  "* Connected to localhost (127.0.0.1) port 8787 (#0)",
  "> POST /webhooks/stripe HTTP/1.1",
  "> Host: localhost:8787",
  "> User-Agent: curl/7.88.1",
  ...Object.entries({ "Content-Type": "application/json", ...stripe.headers }).map(([name, value]) => `> ${name}: ${value}`),
  "> ",
  "< HTTP/1.1 200 OK",
  "< content-type: application/json",
  "* Connection #0 to host localhost left intact",
];
writeFileSync(join(dir, "curl-v.txt"), curlV.join("\n"));

/** A receiver behind a tunnel: it verifies at its public URL (Twilio signs it) whatever reaches it here. */
async function receiver() {
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const id = /** @type {keyof typeof SECRETS} */ (new URL(req.url, "http://x").pathname.split("/").at(-1));
    try {
      const request = { headers: req.headers, body: Buffer.concat(chunks), url: `https://hooks.example.com${req.url}` };
      const event = verify(id, request, { secret: SECRETS[id] });
      res.writeHead(200).end(event.type);
    } catch (error) {
      res.writeHead(400).end(String(error.code ?? error));
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** A shell line, asynchronously (the receiver lives in this process). */
const sh = (line, args = []) =>
  new Promise((resolve) =>
    execFile("sh", ["-c", line, "sh", ...args], { cwd: dir, env }, (error, stdout, stderr) =>
      resolve({ code: error ? error.code : 0, stdout, stderr }),
    ),
  );

test("the CLI section shows its commands, and every option of sign and verify", () => {
  assert.ok(commands.length >= 10, block);
  for (const command of ["sign", "verify"]) {
    const help = spawnSync(process.execPath, [cli, command, "--help"], { encoding: "utf8" }).stdout;
    const options = new Set(help.match(/^ {2}--[a-z-]+/gm)?.map((option) => option.trim()));
    assert.ok(options.size >= 8, help);
    for (const option of options)
      assert.match(section, new RegExp(`${option}(?![a-z-])`), `docs/javascript.md's CLI section lacks ${option}`);
  }
});

test("each command of the CLI section runs as written", async () => {
  const server = await receiver();
  try {
    for (const command of commands) {
      const line = command.replaceAll("npx hookgate", `'${process.execPath}' '${cli}'`).replaceAll("http://localhost:8787", server.origin);
      const ran = await sh(line);
      assert.equal(ran.code, 0, `${command}\n${ran.stdout}${ran.stderr}`);
      if (!command.includes("--curl")) continue;
      // The curl line it printed, unquoted by a shell; a `curl` function hands back its arguments.
      const printed = await sh('curl() { printf "%s\\0" "$@"; }; eval "$1"', [ran.stdout]);
      const args = printed.stdout.split("\0").slice(0, -1);
      const headers = args.flatMap((arg, i) => (args[i - 1] === "-H" ? [arg.split(/: (.*)/s).slice(0, 2)] : []));
      const sent = await fetch(args[1], { method: "POST", headers, body: args[args.indexOf("--data-binary") + 1] });
      assert.equal(sent.status, 200, `${command}\n${await sent.text()}`);
    }
  } finally {
    await server.close();
  }
});
