#!/usr/bin/env node
// npx hookgate: sign a test delivery for a provider (and send it), or verify one you captured.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { providers, signDelivery } from "hookgate";
import { explain } from "hookgate/explain";

const HELP = {
  main: `Usage: hookgate <command> [options]

Commands:
  sign <provider>     Sign a delivery the way <provider> does; print its headers, a curl line, or send it
  verify <provider>   Verify a captured delivery and print the normalized event or why it fails
  providers           List the providers and their credential schemes

Run "hookgate <command> --help" for a command's options.`,
  sign: `Usage: hookgate sign <provider> --secret S --body payload.json [options]

  --secret S        The provider's secret (or token, for token schemes)
  --body FILE       The JSON body to send, exactly as it will be sent
  --timestamp T     Unix seconds to sign with (default: now)
  --id ID           Message id, for schemes that sign one (default: msg_<timestamp>)
  --hmac JSON       The generic hmac provider's scheme, as JSON
  --curl URL        Print a ready curl line for URL instead of the headers
  --send URL        POST the signed delivery to URL and print the answer (exit 1 unless 2xx)`,
  verify: `Usage: hookgate verify <provider> --secret S --headers headers.txt --body body.json [options]

  --secret S        The provider's secret (repeat for several)
  --token T         The token, for token schemes (repeat for several)
  --headers FILE    Captured headers, one "Name: value" per line
  --body FILE       The captured body, byte for byte
  --url URL         The request URL (for ?token= credentials)
  --now T           Unix seconds to verify at (default: now)
  --tolerance S     Timestamp tolerance in seconds (default 300)
  --hmac JSON       The generic hmac provider's scheme, as JSON
Exits 0 when the delivery verifies, 1 when it does not.`,
};

function fail(message) {
  console.error(message);
  process.exit(2);
}

function parse(command, options, argv) {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: "boolean", short: "h" } }, allowPositionals: true });
  } catch (error) {
    fail(`${error.message}\n\n${HELP[command]}`);
  }
}

function requireProvider(command, id) {
  if (!id) fail(HELP[command]);
  if (!providers().some((p) => p.id === id)) fail(`unknown provider "${id}"; known: ${providers().map((p) => p.id).join(", ")}`);
  return id;
}

const quote = (text) => `'${text.replaceAll("'", "'\\''")}'`;

async function sign(argv) {
  const { values, positionals } = parse("sign", {
    secret: { type: "string" }, body: { type: "string" }, timestamp: { type: "string" }, id: { type: "string" },
    hmac: { type: "string" }, curl: { type: "string" }, send: { type: "string" },
  }, argv);
  if (values.help) return console.log(HELP.sign);
  const provider = requireProvider("sign", positionals[0]);
  if (!values.secret || !values.body) fail(HELP.sign);
  const timestamp = values.timestamp ? Number(values.timestamp) : Math.floor(Date.now() / 1000);
  const target = values.send ?? values.curl ?? `https://example.invalid/webhooks/${provider}`;
  const delivery = signDelivery(provider, { body: readFileSync(values.body, "utf8"), url: target }, {
    secret: values.secret, token: values.secret, timestamp, id: values.id ?? `msg_${timestamp}`,
    hmac: values.hmac ? JSON.parse(values.hmac) : undefined,
  });
  const headers = { "content-type": "application/json", ...delivery.headers };
  if (values.send) {
    const response = await fetch(delivery.url, { method: "POST", headers, body: delivery.body });
    console.log(`${response.status} ${await response.text()}`);
    process.exitCode = response.ok ? 0 : 1;
  } else if (values.curl) {
    const flags = Object.entries(headers).map(([name, value]) => `-H ${quote(`${name}: ${value}`)}`);
    console.log(["curl -i -X POST", quote(delivery.url), ...flags, "--data-binary", quote(delivery.body)].join(" "));
  } else {
    for (const [name, value] of Object.entries(headers)) console.log(`${name}: ${value}`);
    if (delivery.url !== target) console.log(`# send to: ${delivery.url}`);
    if (delivery.body !== readFileSync(values.body, "utf8")) console.log(`# body (the secret is inside it):\n${delivery.body}`);
  }
}

function readHeaders(file) {
  return readFileSync(file, "utf8").split(/\r?\n/).filter((line) => line.includes(":")).map((line) => {
    const at = line.indexOf(":");
    return [line.slice(0, at).trim(), line.slice(at + 1).trim()];
  });
}

function verifyCommand(argv) {
  const { values, positionals } = parse("verify", {
    secret: { type: "string", multiple: true }, token: { type: "string", multiple: true }, headers: { type: "string" },
    body: { type: "string" }, url: { type: "string" }, now: { type: "string" }, tolerance: { type: "string" }, hmac: { type: "string" },
  }, argv);
  if (values.help) return console.log(HELP.verify);
  const provider = requireProvider("verify", positionals[0]);
  if (!values.body) fail(HELP.verify);
  const request = { headers: values.headers ? readHeaders(values.headers) : [], body: readFileSync(values.body), url: values.url };
  const explained = explain(provider, request, {
    secret: values.secret, token: values.token, hmac: values.hmac ? JSON.parse(values.hmac) : undefined,
    now: values.now ? Number(values.now) : undefined, toleranceSeconds: values.tolerance ? Number(values.tolerance) : undefined,
  });
  const mark = { pass: "✓", fail: "✗", info: "·" };
  if (explained.event) console.log(`verified: ${explained.provider} ${explained.event.type} (${explained.event.id})`);
  else console.log(`not verified: ${explained.code}\n${explained.message}`);
  for (const step of explained.steps) console.log(`  ${mark[step.status]} ${step.title}: ${step.detail}`);
  if (explained.event) console.log(JSON.stringify(explained.event, null, 2));
  process.exitCode = explained.event ? 0 : 1;
}

const [command, ...rest] = process.argv.slice(2);
if (command === "sign") await sign(rest);
else if (command === "verify") verifyCommand(rest);
else if (command === "providers") for (const p of providers()) console.log(`${p.id.padEnd(18)} ${p.credentials.map((c) => c.place).join(" or ")}`);
else if (!command || command === "--help" || command === "-h" || command === "help") console.log(HELP.main);
else fail(`unknown command "${command}"\n\n${HELP.main}`);
