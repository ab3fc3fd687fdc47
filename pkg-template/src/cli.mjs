#!/usr/bin/env node
// @ts-check
// npx hookgate: sign a test delivery for a provider (and send it), or verify one you captured. Wrong
// usage (a missing option, an unknown provider, an unreadable --hmac) prints why and exits 2.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { HookgateError, providers, signDelivery } from "hookgate";
import { explain, parseHeaderLines } from "hookgate/explain";

/** @typedef {import("hookgate").ProviderId} ProviderId @typedef {import("hookgate").HmacScheme} HmacScheme */

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

/** @param {string} message @returns {never} */
function fail(message) {
  console.error(message);
  process.exit(2);
}

/** A command's arguments, or its usage. @template T @param {keyof typeof HELP} command @param {() => T} read @returns {T} */
function parsed(command, read) {
  try {
    return read();
  } catch (error) {
    return fail(`${/** @type {Error} */ (error).message}\n\n${HELP[command]}`);
  }
}

const help = /** @type {const} */ ({ type: "boolean", short: "h" });

/** @param {keyof typeof HELP} command @param {string | undefined} id @returns {ProviderId} */
function requireProvider(command, id) {
  if (!id) fail(HELP[command]);
  const known = providers().map((p) => p.id);
  if (!known.includes(/** @type {ProviderId} */ (id))) fail(`unknown provider "${id}"; known: ${known.join(", ")}`);
  return /** @type {ProviderId} */ (id);
}

/** The --hmac option: JSON, or usage error. @param {string | undefined} text @returns {HmacScheme | undefined} */
function hmacOption(text) {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return fail(
      `--hmac is not JSON: ${text.slice(0, 80)}\n\nExample: --hmac '{"header":"X-Signature","algorithm":"sha256","encoding":"hex","signed":"body"}'`,
    );
  }
}

/** A whole number option, or usage error. @param {string} name @param {string | undefined} text */
function numberOption(name, text) {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) fail(`--${name} must be a whole number of seconds, not "${text}"`);
  return Number(text);
}

/** @param {string} file */
function readFile(file) {
  try {
    return readFileSync(file);
  } catch (error) {
    return fail(`cannot read ${file}: ${/** @type {Error} */ (error).message}`);
  }
}

const quote = (/** @type {string} */ text) => `'${text.replaceAll("'", "'\\''")}'`;

/** @param {string[]} argv */
async function sign(argv) {
  const { values, positionals } = parsed("sign", () =>
    parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        secret: { type: "string" },
        body: { type: "string" },
        timestamp: { type: "string" },
        id: { type: "string" },
        hmac: { type: "string" },
        curl: { type: "string" },
        send: { type: "string" },
        help,
      },
    }),
  );
  if (values.help) return console.log(HELP.sign);
  const provider = requireProvider("sign", positionals[0]);
  if (!values.secret || !values.body) return fail(HELP.sign);
  const timestamp = numberOption("timestamp", values.timestamp) ?? Math.floor(Date.now() / 1000);
  const target = values.send ?? values.curl ?? `https://example.invalid/webhooks/${provider}`;
  const body = readFile(values.body).toString("utf8");
  const delivery = signDelivery(
    provider,
    { body, url: target },
    { secret: values.secret, token: values.secret, timestamp, id: values.id ?? `msg_${timestamp}`, hmac: hmacOption(values.hmac) },
  );
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
    if (delivery.body !== body) console.log(`# body (the secret is inside it):\n${delivery.body}`);
  }
}

/** @param {string[]} argv */
function verifyCommand(argv) {
  const { values, positionals } = parsed("verify", () =>
    parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        secret: { type: "string", multiple: true },
        token: { type: "string", multiple: true },
        headers: { type: "string" },
        body: { type: "string" },
        url: { type: "string" },
        now: { type: "string" },
        tolerance: { type: "string" },
        hmac: { type: "string" },
        help,
      },
    }),
  );
  if (values.help) return console.log(HELP.verify);
  const provider = requireProvider("verify", positionals[0]);
  if (!values.body) return fail(HELP.verify);
  const headers = values.headers ? parseHeaderLines(readFile(values.headers).toString("utf8")) : [];
  const explained = explain(
    provider,
    { headers, body: readFile(values.body), url: values.url },
    {
      secret: values.secret,
      token: values.token,
      hmac: hmacOption(values.hmac),
      now: numberOption("now", values.now),
      toleranceSeconds: numberOption("tolerance", values.tolerance),
      // The person at this terminal holds the secret: show what it signs, to compare with their code.
      showSigning: true,
    },
  );
  const mark = { pass: "✓", fail: "✗", info: "·" };
  if (explained.event) console.log(`verified: ${explained.provider} ${explained.event.type} (${explained.event.id})`);
  else console.log(`not verified: ${explained.code}\n${explained.message}`);
  for (const step of explained.steps) console.log(`  ${mark[step.status]} ${step.title}: ${step.detail}`);
  const signing = explained.signing;
  if (signing && !explained.event) {
    console.log(`  signed string (${signing.signedBytes} bytes): ${JSON.stringify(signing.signed)}`);
    for (const signature of signing.presented) console.log(`  in the delivery:  ${signature}`);
    for (const expected of signing.expected) console.log(`  with secret #${expected.secret}: ${expected.signature}`);
  }
  if (explained.event) console.log(JSON.stringify(explained.event, null, 2));
  process.exitCode = explained.event ? 0 : 1;
}

const [command, ...rest] = process.argv.slice(2);
try {
  if (command === "sign") await sign(rest);
  else if (command === "verify") verifyCommand(rest);
  else if (command === "providers")
    for (const p of providers()) console.log(`${p.id.padEnd(18)} ${p.credentials.map((c) => c.place).join(" or ")}`);
  else if (!command || command === "--help" || command === "-h" || command === "help") console.log(HELP.main);
  else fail(`unknown command "${command}"\n\n${HELP.main}`);
} catch (error) {
  // A delivery the core cannot sign (a body that is not JSON for a body-secret provider, a key it
  // refuses): its code and message, never a stack.
  if (!(error instanceof HookgateError)) throw error;
  fail(`${error.code}: ${error.message}`);
}
