// The CLI (`npx hookgate`), run from pkg/ as a user runs it: sign (headers, curl, send, --header, --url,
// --token, --out-body, stdin), verify (captured and curl -v headers), help, exit codes. Every provider's
// round trip, from the packed tarball, is tests/js/cli-roundtrip.test.mjs.

import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { verify } from "hookgate";
import { createHandler } from "hookgate/node";

const cli = fileURLToPath(new URL("../../pkg/cli.mjs", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "hookgate-cli-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = (name, text) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const body = file("body.json", '{"device_return_id":"d1","state":"complete","test":false}');
const sample = (id) => JSON.parse(readFileSync(new URL(`../vectors/${id}.json`, import.meta.url), "utf8")).sample.body;
const run = (...args) => spawnSync(process.execPath, [cli, ...args], { encoding: "utf8" });
const runWithInput = (input, ...args) => spawnSync(process.execPath, [cli, ...args], { encoding: "utf8", input });
/** Asynchronously: a synchronous child would block a server living in this process. */
const runAsync = (...args) =>
  new Promise((resolve) =>
    execFile(process.execPath, [cli, ...args], (error, stdout, stderr) => resolve({ status: error ? error.code : 0, stdout, stderr })),
  );

/** A server answering with what `check(req, body)` returns; its origin, and a close. */
async function serve(check) {
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const [status, text] = check(req, Buffer.concat(chunks));
    res.writeHead(status).end(text);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

test("sign prints the headers a provider would send", () => {
  const out = run("sign", "reready", "--secret", "ssk_cli", "--body", body, "--timestamp", "1767225600");
  assert.equal(out.status, 0, out.stderr);
  assert.match(out.stdout, /^X-ReReady-Signature-512: t=1767225600,v=[0-9a-f]{128}$/m);
  assert.match(out.stdout, /^Content-Type: application\/json$/m);
});

test("sign, then verify the captured headers and body: verified, and a tampered body is not", () => {
  const signed = run("sign", "reready", "--secret", "ssk_cli", "--body", body, "--timestamp", "1767225600");
  const headers = file("headers.txt", signed.stdout);
  const ok = run("verify", "reready", "--secret", "ssk_cli", "--headers", headers, "--body", body, "--now", "1767225600");
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /^verified: reready device_return\.status_changed/);
  const tampered = file("tampered.json", '{"device_return_id":"d1","state":"failed","test":false}');
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
  assert.match(curl.stdout, /^curl -i 'http:\/\/127\.0\.0\.1:1\/webhooks\/redo' .*-H 'Authorization: Bearer s'/);
  const seen = [];
  const server = createServer(createHandler("reready", { secret: "ssk_cli" }, (event) => seen.push(event.subject.id)));
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const sent = await runAsync(
      "sign",
      "reready",
      "--secret",
      "ssk_cli",
      "--body",
      body,
      "--send",
      `http://127.0.0.1:${server.address().port}/webhooks/reready`,
    );
    assert.equal(sent.status, 0);
    assert.match(sent.stdout, /^200 \{"ok":true\}/);
    assert.deepEqual(seen, ["d1"]);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

test("--header sets any header and replaces a default of the same name, in any case; --id sets the delivery's id", () => {
  const order = file("order.json", sample("shopify"));
  const signed = run(
    "sign",
    "shopify",
    "--secret",
    "shpss",
    "--body",
    order,
    "--header",
    "x-shopify-topic: returns/request",
    "--header",
    "X-Extra: 1",
    "--id",
    "ev_7",
  );
  assert.equal(signed.status, 0, signed.stderr);
  assert.equal(signed.stdout.match(/^x-shopify-topic: .*$/gim)?.join("\n"), "x-shopify-topic: returns/request");
  assert.match(signed.stdout, /^X-Extra: 1$/m);
  assert.match(signed.stdout, /^X-Shopify-Event-Id: ev_7$/m);
  const ok = run("verify", "shopify", "--secret", "shpss", "--headers", file("shopify-headers.txt", signed.stdout), "--body", order);
  assert.match(ok.stdout, /^verified: shopify return\.requested \(ev_7\)/);
  for (const wrong of ["no colon", "Two Words: x", "X-A: 1\nX-B: 2"]) {
    const refused = run("sign", "shopify", "--secret", "shpss", "--body", order, "--header", wrong);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /^--header takes one "Name: value", not /);
  }
});

test("a provider that signs the URL or carries a token in it needs one, prints it, and verify reads it back", () => {
  const refund = file("refund.json", sample("square"));
  const noUrl = run("sign", "square", "--secret", "sq", "--body", refund);
  assert.equal(noUrl.status, 2);
  assert.match(noUrl.stderr, /^square signs the URL it calls: give it with --url URL \(or --send\/--curl URL\)/);
  assert.match(
    run("sign", "returns-cloud", "--secret", "rc", "--body", body).stderr,
    /^returns-cloud puts the token in the URL: give it with --url/,
  );

  const message = file("message.txt", sample("twilio"));
  const signed = run("sign", "twilio", "--secret", "tw", "--body", message, "--url", "https://hooks.example.com/webhooks/twilio");
  assert.equal(signed.status, 0, signed.stderr);
  assert.match(
    signed.stdout,
    /^# url: https:\/\/hooks\.example\.com\/webhooks\/twilio\nContent-Type: application\/x-www-form-urlencoded\n/,
  );
  const headers = file("twilio-headers.txt", signed.stdout);
  assert.equal(run("verify", "twilio", "--secret", "tw", "--headers", headers, "--body", message).status, 0);
  // --url wins over the file's.
  const elsewhere = run(
    "verify",
    "twilio",
    "--secret",
    "tw",
    "--headers",
    headers,
    "--body",
    message,
    "--url",
    "https://other.example.com/webhooks/twilio",
  );
  assert.match(elsewhere.stdout, /^not verified: signature_mismatch/);

  // ReReady signs with its secret; --token puts its URL token in the URL instead.
  const token = run("sign", "reready", "--token", "tok_1", "--body", body, "--url", "https://hooks.example.com/r?shop=1");
  assert.equal(token.stdout, "# url: https://hooks.example.com/r?shop=1&token=tok_1\nContent-Type: application/json\n");
  const tokenHeaders = file("token-headers.txt", token.stdout);
  assert.match(run("verify", "reready", "--token", "tok_1", "--headers", tokenHeaders, "--body", body).stdout, /^verified: reready /);
  assert.match(run("sign", "redo", "--token", "t", "--body", body, "--url", "https://x.example/").stderr, /^redo takes no URL token/);
});

test("--url with --send: signed for the public URL, sent to the local one, with the token it carries", async () => {
  const message = file("message.txt", sample("twilio"));
  const server = await serve((req, received) => {
    // The receiver behind a tunnel verifies with the URL Twilio called.
    const event = verify("twilio", { headers: req.headers, body: received, url: `https://hooks.example.com${req.url}` }, { secret: "tw" });
    return [200, `${event.type} ${req.headers["content-type"]}`];
  });
  try {
    const args = ["--body", message, "--url", "https://hooks.example.com/webhooks/twilio", "--send", `${server.origin}/webhooks/twilio`];
    const sent = await runAsync("sign", "twilio", "--secret", "tw", ...args);
    assert.equal(sent.stdout, "200 message.delivered application/x-www-form-urlencoded\n");
  } finally {
    await server.close();
  }
  const curl = run(
    "sign",
    "returns-cloud",
    "--secret",
    "rc",
    "--body",
    body,
    "--url",
    "https://hooks.example.com/rc",
    "--curl",
    "http://127.0.0.1:8787/rc",
  );
  assert.match(curl.stdout, /^# url: https:\/\/hooks\.example\.com\/rc\?token=rc\ncurl -i 'http:\/\/127\.0\.0\.1:8787\/rc\?token=rc' /);
});

test("Baback: the signed body alone on stdout, or in --out-body with the headers on stdout; never both on stdout", () => {
  const returned = file("return.json", sample("baback"));
  const alone = run("sign", "baback", "--secret", "bb_1", "--body", returned);
  assert.equal(alone.status, 0, alone.stderr);
  assert.equal(JSON.parse(alone.stdout).data.secret, "bb_1");
  const signedBody = file("signed.json", alone.stdout);
  assert.match(run("verify", "baback", "--secret", "bb_1", "--body", signedBody).stdout, /^verified: baback /);

  const outBody = join(dir, "out-body.json");
  const split = run("sign", "baback", "--secret", "bb_1", "--body", returned, "--out-body", outBody);
  assert.equal(split.stdout, "Content-Type: application/json\n");
  assert.equal(readFileSync(outBody, "utf8"), alone.stdout);
  const headers = file("baback-headers.txt", split.stdout);
  assert.equal(run("verify", "baback", "--secret", "bb_1", "--headers", headers, "--body", outBody).status, 0);

  const mixed = run("sign", "baback", "--secret", "bb_1", "--body", returned, "--header", "X-Trace: 1");
  assert.equal(mixed.status, 2);
  assert.match(mixed.stderr, /^baback puts the secret inside the body: give --out-body FILE/);
});

test("--send to an address nothing listens on: one line saying why, exit 1", async () => {
  const server = await serve(() => [200, ""]);
  await server.close(); // its port, now closed
  const sent = run("sign", "redo", "--secret", "s", "--body", body, "--send", `${server.origin}/webhooks/redo`);
  assert.equal(sent.status, 1);
  assert.equal(sent.stdout, "");
  assert.match(sent.stderr, /^could not send to http:\/\/127\.0\.0\.1:\d+\/webhooks\/redo: connect ECONNREFUSED 127\.0\.0\.1:\d+\n$/);
});

test("--body - reads stdin, for sign and for verify", () => {
  const text = readFileSync(body, "utf8");
  const fromFile = run("sign", "reready", "--secret", "ssk_cli", "--body", body, "--timestamp", "1767225600");
  const fromStdin = runWithInput(text, "sign", "reready", "--secret", "ssk_cli", "--body", "-", "--timestamp", "1767225600");
  assert.equal(fromStdin.stdout, fromFile.stdout);
  const headers = file("stdin-headers.txt", fromFile.stdout);
  const ok = runWithInput(text, "verify", "reready", "--secret", "ssk_cli", "--headers", headers, "--body", "-", "--now", "1767225600");
  assert.equal(ok.status, 0, ok.stdout);
});

test("verify reads what curl -v printed and says which lines it skipped, and why", () => {
  const signed = run("sign", "reready", "--secret", "ssk_cli", "--body", body, "--timestamp", "1767225600");
  const signature = /^X-ReReady-Signature-512: .*$/m.exec(signed.stdout)[0];
  // curl 7.88's -v output, stdout redirected (hence the progress meter), as captured from a real run.
  const transcript = [
    "Note: Unnecessary use of -X or --request, POST is already inferred.",
    "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current",
    "                                 Dload  Upload   Total   Spent    Left  Speed",
    "  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0*   Trying 127.0.0.1:8787...",
    "* Connected to 127.0.0.1 (127.0.0.1) port 8787 (#0)",
    "> POST /webhooks/reready HTTP/1.1",
    "> Host: 127.0.0.1:8787",
    "> User-Agent: curl/7.88.1",
    "> Accept: */*",
    "> Content-Type: application/json",
    `> ${signature}`,
    "> Content-Length: 57",
    "> ",
    "} [57 bytes data]",
    "< HTTP/1.1 200 OK",
    "< content-type: application/json",
    "< ",
    "{ [11 bytes data]",
    "100    68    0    11  100    57   1226   6359 --:--:-- --:--:-- --:--:--  8500",
    "* Connection #0 to host 127.0.0.1 left intact",
  ].join("\n");
  const captured = file("curl-v.txt", transcript);
  const ok = run("verify", "reready", "--secret", "ssk_cli", "--headers", captured, "--body", body, "--now", "1767225600");
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  assert.deepEqual(ok.stderr.trim().split("\n"), [
    `${captured}: skipped lines 1-4, 19 (curl's progress meter and notes)`,
    `${captured}: skipped lines 5, 20 (curl's info, "*")`,
    `${captured}: skipped line 6 (the request line; give the URL with --url where the provider needs it)`,
    `${captured}: skipped lines 14, 18 (curl's data counts)`,
    `${captured}: skipped lines 15-17 (the response, "<")`,
  ]);
  const plain = file("plain.txt", `# from the logs\n${signature}\nnot a header\n`);
  const reported = run("verify", "reready", "--secret", "ssk_cli", "--headers", plain, "--body", body, "--now", "1767225600");
  assert.equal(reported.status, 0);
  assert.equal(reported.stderr, `${plain}: skipped line 1 (a comment, "#")\n${plain}: skipped line 3 (not "Name: value")\n`);
});

test("help, usage errors that name what is missing, and unknown providers", () => {
  assert.match(run("--help").stdout, /Commands:\n\s+sign <provider>/);
  assert.match(run("sign", "--help").stdout, /--send URL/);
  assert.match(run("verify", "--help").stdout, /--headers FILE/);
  const unknown = run("sign", "nope", "--secret", "s", "--body", body);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown provider "nope"/);
  const noSecret = run("sign", "reready", "--body", body);
  assert.equal(noSecret.status, 2);
  assert.match(noSecret.stderr, /^missing --secret: /);
  const noBody = run("sign", "reready", "--secret", "s");
  assert.equal(noBody.status, 2);
  assert.match(noBody.stderr, /^missing --body: /);
  assert.match(run("verify", "reready", "--secret", "s").stderr, /^missing --body: /);
  assert.match(run("sign").stderr, /^missing the provider: one of adyen, aftership, /);
  assert.equal(run("frobnicate").status, 2);
});
