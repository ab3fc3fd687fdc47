#!/usr/bin/env node
// @ts-check
// npx hookgate: sign a test delivery for a provider (print it, as a curl line, or send it), or verify one
// you captured. Wrong usage (a missing option, an unknown provider, an unreadable --hmac) prints why and
// exits 2; a delivery that does not verify, or a send that fails, exits 1.
// One file, although it has several jobs: scripts/build.mjs copies pkg-template/src/ flat into the package.
import { randomUUID } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { HookgateError, providers, signDelivery } from "hookgate";
import { explain, parseHeaderLines } from "hookgate/explain";

/**
 * @typedef {import("hookgate").ProviderId} ProviderId @typedef {import("hookgate").HmacScheme} HmacScheme
 * @typedef {import("hookgate").ProviderDescription} ProviderDescription @typedef {[string, string]} Header
 */

const HELP = {
  main: `Usage: hookgate <command> [options]

Commands:
  sign <provider>     Sign a delivery the way <provider> does; print its headers, a curl line, or send it
  verify <provider>   Verify a captured delivery and print the normalized event or why it fails
  providers           List the providers and their credential schemes

Run "hookgate <command> --help" for a command's options.`,
  sign: `Usage: hookgate sign <provider> --secret S --body payload.json [options]

  --secret S          The provider's secret (or token, for token schemes)
  --token T           A URL token instead (ReReady's ?token=); needs a URL
  --body FILE         The body to send, exactly as it will be sent ("-" reads stdin)
  --url URL           The URL the provider calls: Square and Twilio sign it, a URL token goes in it
                      (default: the --send or --curl URL, which may differ: a local address)
  --header "N: V"     Set a header, or replace a default one (repeat for several)
  --id ID             The delivery's id, where the provider sends one (default: a random UUID)
  --timestamp T       Unix seconds to sign with (default: now)
  --hmac JSON         The generic hmac provider's scheme, as JSON
  --out-body FILE     Write the body to FILE (Baback puts the secret inside the body)
  --curl URL          Print a ready curl line for URL instead of the headers
  --send URL          POST the delivery to URL and print the answer (exit 1 unless 2xx)

Prints the headers, one "Name: value" per line (verify --headers reads them back), and "# url: URL"
when the URL is signed or carries the token. Besides the credential it sends what the provider's sender
sends: Content-Type (JSON, or a form for a body that is not JSON, as Twilio's), Shopify's topic and ids,
GitHub's event and delivery id, WooCommerce's topic… The topics are examples: set yours with --header.
When only the body changes (Baback), the signed body is printed instead, unless --out-body is given.`,
  verify: `Usage: hookgate verify <provider> --secret S --headers headers.txt --body body.json [options]

  --secret S        The provider's secret (repeat for several)
  --token T         The token, for token schemes (repeat for several; default: --secret when the
                    provider takes only tokens)
  --headers FILE    Captured headers, one "Name: value" per line, or what curl -v printed ("> " lines)
  --body FILE       The captured body, byte for byte ("-" reads stdin)
  --url URL         The request URL (Square, Twilio, ?token= credentials; default: a "# url:" line
                    of the headers file, as sign prints it)
  --now T           Unix seconds to verify at (default: now)
  --tolerance S     Timestamp tolerance in seconds (default 300)
  --hmac JSON       The generic hmac provider's scheme, as JSON
Exits 0 when the delivery verifies, 1 when it does not.`,
};

/** The URL signed when none is given, to learn whether the provider needs one; never printed or sent. */
const NO_URL = "https://hookgate.invalid/";
/** How long --send waits for an answer. */
const SEND_TIMEOUT_SECONDS = 30;
/** An HTTP header name (RFC 9110's token) followed by its colon. */
const HEADER_LINE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+\s*:/;

/**
 * What the sender sends besides its credential (the registry's `sends`: the headers hookgate reads for the
 * event, a topic or an event id, and the others a receiver may check, as in the provider's documented
 * sample), with this delivery's id and time.
 * @param {ProviderDescription} provider @param {{ id: string, time: string }} delivery @returns {[string, string][]}
 */
const senderHeaders = (provider, { id, time }) =>
  Object.entries(provider.sends).map(([name, value]) => [name, value.replaceAll("{id}", id).replaceAll("{time}", time)]);

/** @param {string} message @returns {never} */
function fail(message) {
  console.error(message);
  process.exit(2);
}

/** Why the command cannot run, its synopsis, and where the rest is. @param {keyof typeof HELP} command @param {string} why @returns {never} */
function usage(command, why) {
  return fail(`${why}\n${HELP[command].split("\n")[0]}\nRun "hookgate ${command} --help" for every option.`);
}

/** A command's arguments, or its usage. @template T @param {keyof typeof HELP} command @param {() => T} read @returns {T} */
function parsed(command, read) {
  try {
    return read();
  } catch (error) {
    return usage(command, /** @type {Error} */ (error).message);
  }
}

const help = /** @type {const} */ ({ type: "boolean", short: "h" });

/** @param {keyof typeof HELP} command @param {string | undefined} id @returns {ProviderDescription} */
function requireProvider(command, id) {
  const all = providers();
  const known = all.map((p) => p.id).join(", ");
  if (!id) return usage(command, `missing the provider: one of ${known}`);
  return all.find((p) => p.id === id) ?? fail(`unknown provider "${id}"; known: ${known}`);
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

/** An absolute http(s) URL option, or usage error. @param {string} name @param {string | undefined} text */
function urlOption(name, text) {
  if (text === undefined) return undefined;
  /** @type {URL | undefined} */
  let url;
  try {
    url = new URL(text);
  } catch {}
  if (url?.protocol !== "http:" && url?.protocol !== "https:") fail(`--${name} must be an absolute http(s) URL, not "${text}"`);
  return text;
}

/** A --header option: one "Name: value" line, read by the package's one header-line reader. @param {string} text @returns {Header} */
function headerOption(text) {
  if (/[\r\n]/.test(text) || !HEADER_LINE.test(text)) fail(`--header takes one "Name: value", not ${JSON.stringify(text)}`);
  return parseHeaderLines(text)[0];
}

/** A file's bytes; "-" is stdin. @param {string} file */
function readInput(file) {
  try {
    return readFileSync(file === "-" ? 0 : file);
  } catch (error) {
    return fail(`cannot read ${file === "-" ? "stdin" : file}: ${/** @type {Error} */ (error).message}`);
  }
}

/** @param {string} file @param {string} text */
function writeOutput(file, text) {
  try {
    writeFileSync(file, text);
  } catch (error) {
    fail(`cannot write ${file}: ${/** @type {Error} */ (error).message}`);
  }
}

/** Headers by name, case-insensitively: a later layer's value (and spelling) replaces an earlier one's. @param {Iterable<Header>[]} layers */
function mergeHeaders(...layers) {
  /** @type {Map<string, Header>} */
  const merged = new Map();
  for (const layer of layers) for (const [name, value] of layer) merged.set(name.toLowerCase(), [name, value]);
  return [...merged.values()];
}

/** The content type a sender gives its body: JSON, else a form (Twilio; Slack's slash commands). @param {string} body */
function contentType(body) {
  try {
    JSON.parse(body);
    return "application/json";
  } catch {
    return "application/x-www-form-urlencoded";
  }
}

/**
 * The body, headers and URL with the credential: the core's signDelivery, but a --token in the URL
 * parameter the registry names (the core signs ReReady with its secret, never with its URL token).
 * @param {ProviderDescription} provider @param {string} body @param {string} url
 * @param {{ secret?: string, token?: string, hmac?: string }} values @param {number} timestamp @param {string} id
 */
function credentialed(provider, body, url, values, timestamp, id) {
  if (values.token === undefined) {
    // A token-only provider (returns.cloud) reads its token from `token`: --secret serves as either.
    const options = { secret: values.secret, token: values.secret, timestamp, id, hmac: hmacOption(values.hmac) };
    return signDelivery(provider.id, { body, url }, options);
  }
  const param = provider.credentials.find((c) => c.scheme === "url-token")?.param;
  if (!param) usage("sign", `${provider.id} takes no URL token (it reads ${places(provider)}): sign with --secret`);
  const withToken = new URL(url);
  withToken.searchParams.set(param, values.token);
  return { headers: {}, body, url: withToken.href };
}

/** @param {ProviderDescription} provider */
const places = (provider) => provider.credentials.map((c) => c.place).join(" or ");

/**
 * Where --send and --curl go: their URL, with what signing added to the signed URL's query (a URL token)
 * when the delivery was signed for another URL (--url: the public address, sent to a local one).
 * @param {string} target @param {string} signedFor @param {string} signedUrl
 */
function destination(target, signedFor, signedUrl) {
  if (target === signedFor) return signedUrl;
  const to = new URL(target);
  const before = new URL(signedFor).searchParams;
  for (const [name, value] of new URL(signedUrl).searchParams) if (!before.has(name)) to.searchParams.append(name, value);
  return to.href;
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
        token: { type: "string" },
        body: { type: "string" },
        url: { type: "string" },
        header: { type: "string", multiple: true },
        id: { type: "string" },
        timestamp: { type: "string" },
        hmac: { type: "string" },
        "out-body": { type: "string" },
        curl: { type: "string" },
        send: { type: "string" },
        help,
      },
    }),
  );
  if (values.help) return console.log(HELP.sign);
  const provider = requireProvider("sign", positionals[0]);
  if (!values.secret && !values.token) usage("sign", "missing --secret: the provider's secret (or --token, for a URL token)");
  if (values.secret && values.token) usage("sign", "give --secret or --token, not both");
  if (!values.body) usage("sign", 'missing --body: the file to send ("-" reads stdin)');
  if (values.curl && values.send) usage("sign", "give --curl or --send, not both");
  const given = values.header?.map(headerOption) ?? [];
  const target = urlOption("send", values.send) ?? urlOption("curl", values.curl);
  const signedFor = urlOption("url", values.url) ?? target;
  const timestamp = numberOption("timestamp", values.timestamp) ?? Math.floor(Date.now() / 1000);
  const id = values.id ?? randomUUID();
  const body = readInput(values.body).toString("utf8");

  const delivery = credentialed(provider, body, signedFor ?? NO_URL, values, timestamp, id);
  const urlMatters = provider.credentials.some((c) => c.signsUrl) || new URL(delivery.url).href !== new URL(signedFor ?? NO_URL).href;
  // Never a delivery signed for a made-up address: it would not verify where it is sent.
  if (urlMatters && !signedFor) {
    const what = provider.credentials.some((c) => c.signsUrl) ? "signs the URL it calls" : "puts the token in the URL";
    usage("sign", `${provider.id} ${what}: give it with --url URL (or --send/--curl URL)`);
  }
  const headers = mergeHeaders(
    [["Content-Type", contentType(delivery.body)]],
    senderHeaders(provider, { id, time: new Date(timestamp * 1000).toISOString() }),
    Object.entries(delivery.headers),
    given,
  );
  const bodyChanged = delivery.body !== body;
  if (values["out-body"]) writeOutput(values["out-body"], delivery.body);

  if (target) {
    const url = destination(target, /** @type {string} */ (signedFor), delivery.url);
    if (values.send) return send(url, headers, delivery.body);
    if (url !== delivery.url) console.log(`# url: ${delivery.url}`);
    const flags = headers.map(([name, value]) => `-H ${quote(`${name}: ${value}`)}`);
    return console.log(["curl -i", quote(url), ...flags, "--data-binary", quote(delivery.body)].join(" "));
  }
  // The signed body never shares stdout with the headers: each must be fed back to verify as it is.
  if (bodyChanged && !values["out-body"]) {
    if (given.length > 0 || Object.keys(delivery.headers).length > 0 || urlMatters) {
      usage("sign", `${provider.id} puts the secret inside the body: give --out-body FILE for the signed body`);
    }
    console.error(`(the signed body: ${provider.id} puts the secret inside it; --out-body FILE writes it there and prints the headers)`);
    return process.stdout.write(delivery.body);
  }
  if (urlMatters) console.log(`# url: ${delivery.url}`);
  for (const [name, value] of headers) console.log(`${name}: ${value}`);
}

/** POSTs the delivery and prints the answer; one line saying why when nothing answers. @param {string} url @param {Header[]} headers @param {string} body */
async function send(url, headers, body) {
  try {
    const response = await fetch(url, { method: "POST", headers, body, signal: AbortSignal.timeout(SEND_TIMEOUT_SECONDS * 1000) });
    console.log(`${response.status} ${await response.text()}`);
    process.exitCode = response.ok ? 0 : 1;
  } catch (error) {
    console.error(`could not send to ${url}: ${sendFailure(error)}`);
    process.exitCode = 1;
  }
}

/** Why fetch failed, in words: undici's "fetch failed" keeps the reason (ECONNREFUSED, ENOTFOUND…) in `cause`. @param {unknown} error */
function sendFailure(error) {
  const { name, message, cause } = /** @type {{ name?: string, message?: string, cause?: { code?: string, message?: string } }} */ (error);
  if (name === "TimeoutError") return `no answer within ${SEND_TIMEOUT_SECONDS} s`;
  return cause?.message || cause?.code || message;
}

/** The lines curl -v prints besides the request's headers ("> " lines), and what they are. */
const CURL_LINES = /** @type {const} */ ([
  [/^\*/, 'curl\'s info, "*"'],
  [/^</, 'the response, "<"'],
  [/^[{}] \[/, "curl's data counts"],
]);

/** Why a line of a headers file is not a header, or undefined when it is one. @param {string} line @param {boolean} curl */
function notHeader(line, curl) {
  const known = CURL_LINES.find(([pattern]) => pattern.test(line));
  if (known) return known[1];
  // In curl -v output only the "> " lines are the request's; the others are its progress meter and notes
  // ("Note: Unnecessary use of -X", which would read as a header).
  if (curl && !line.startsWith(">")) return "curl's progress meter and notes";
  const header = line.replace(/^> ?/, "");
  if (header.startsWith("#")) return 'a comment, "#"';
  if (/^[A-Z]+ \S+ HTTP\/[\d.]+$/.test(header)) return "the request line; give the URL with --url where the provider needs it";
  if (/^HTTP\/[\d.]+ \d{3}/.test(header)) return "a status line";
  return HEADER_LINE.test(header) ? undefined : 'not "Name: value"';
}

/**
 * A captured headers file: "Name: value" lines, or curl -v output (its "> " lines are the request's
 * headers), and "# url: URL" as sign prints it. The lines it skips, by reason, with their numbers.
 * @param {string} text
 */
function readHeaders(text) {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  const curl = lines.some((line) => line.startsWith("> "));
  /** @type {string[]} */
  const kept = [];
  /** @type {Map<string, number[]>} */
  const skipped = new Map();
  /** @type {string | undefined} */
  let url;
  for (const [index, line] of lines.entries()) {
    const signedUrl = /^# url: (\S+)$/.exec(line);
    if (signedUrl) url = signedUrl[1];
    // Blank lines, and curl's ">" that ends the request's head.
    if (signedUrl || line === "" || line === ">") continue;
    const why = notHeader(line, curl);
    if (why) skipped.set(why, [...(skipped.get(why) ?? []), index + 1]);
    else kept.push(line.replace(/^> ?/, ""));
  }
  return { headers: parseHeaderLines(kept.join("\n")), url, skipped };
}

/** Line numbers as ranges: 1, 2, 3, 7 → "1-3, 7". @param {number[]} numbers */
function ranges(numbers) {
  /** @type {[number, number][]} */
  const spans = [];
  for (const n of numbers) {
    const last = spans.at(-1);
    if (last && last[1] === n - 1) last[1] = n;
    else spans.push([n, n]);
  }
  return spans.map(([from, to]) => (from === to ? `${from}` : `${from}-${to}`)).join(", ");
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
  if (!values.body) return usage("verify", 'missing --body: the captured body ("-" reads stdin)');
  if (values.headers === "-" && values.body === "-") usage("verify", "only one of --headers and --body can read stdin");
  const captured = values.headers
    ? readHeaders(readInput(values.headers).toString("utf8"))
    : { headers: [], url: undefined, skipped: new Map() };
  for (const [why, lines] of captured.skipped) {
    console.error(`${values.headers}: skipped ${lines.length === 1 ? "line" : "lines"} ${ranges(lines)} (${why})`);
  }
  const tokenOnly = provider.credentials.every((c) => c.option === "token");
  const explained = explain(
    provider.id,
    { headers: captured.headers, body: readInput(values.body), url: urlOption("url", values.url) ?? captured.url },
    {
      secret: values.secret,
      token: values.token ?? (tokenOnly ? values.secret : undefined),
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
  else if (command === "providers") for (const p of providers()) console.log(`${p.id.padEnd(18)} ${places(p)}`);
  else if (!command || command === "--help" || command === "-h" || command === "help") console.log(HELP.main);
  else fail(`unknown command "${command}"\n\n${HELP.main}`);
} catch (error) {
  // A delivery the core cannot sign (a body that is not JSON for a body-secret provider, a key it
  // refuses): its code and message, never a stack.
  if (!(error instanceof HookgateError)) throw error;
  fail(`${error.code}: ${error.message}`);
}
