// @ts-check
// Splits a pasted delivery into URL, headers and body: a raw HTTP request (as a proxy or
// `nc -l` shows it) or a curl command line. Only text handling: verification stays in the wasm core.
import { parseHeaderLines } from "hookgate/explain";

/**
 * `{ url, headers: [[name, value]], body }` from a raw HTTP request or a curl command.
 * @param {string} text
 * @returns {{ url: string, headers: [string, string][], body: string }}
 */
export function splitDelivery(text) {
  const trimmed = text.replace(/^\s+/, "");
  return /^curl\s/.test(trimmed) ? splitCurl(trimmed) : splitHttp(trimmed);
}

/** @param {string} text */
function splitHttp(text) {
  // The head ends at the first empty line (CRLF or LF); the body after it is kept byte for byte.
  const end = /\r?\n\r?\n/.exec(text);
  const head = end ? text.slice(0, end.index) : text;
  const body = end ? text.slice(end.index + end[0].length) : "";
  const [requestLine, ...lines] = head.split(/\r?\n/);
  const match = /^([A-Z]+)\s+(\S+)(?:\s+HTTP\/[\d.]+)?$/.exec(requestLine.trim());
  if (!match) throw new Error('expected a request line such as "POST /webhooks/reready HTTP/1.1"');
  const headers = parseHeaderLines(lines.join("\n"));
  const host = headers.find(([name]) => name.toLowerCase() === "host")?.[1];
  const target = match[2];
  const url = /^https?:\/\//.test(target) ? target : host ? `https://${host}${target}` : target;
  return { url, headers, body };
}

/** Shell-like words: single and double quotes, $'…' strings, backslash escapes and line continuations. @param {string} text */
function words(text) {
  /** @type {string[]} */
  const out = [];
  /** @type {Record<string, string>} */
  const escapes = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"' };
  let word = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\\" && text[i + 1] === "\n") {
      i++;
      continue;
    }
    if (/\s/.test(c)) {
      if (word !== null) out.push(word);
      word = null;
      continue;
    }
    word ??= "";
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new Error("unclosed ' quote");
      word += text.slice(i + 1, end);
      i = end;
    } else if (c === "$" && text[i + 1] === "'") {
      let j = i + 2;
      for (; j < text.length && text[j] !== "'"; j++) {
        if (text[j] === "\\") {
          const next = text[++j];
          word += escapes[next] ?? `\\${next}`;
        } else word += text[j];
      }
      i = j;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === "\\" && '"\\$`'.includes(text[j + 1])) j++;
        word += text[j];
      }
      if (j >= text.length) throw new Error('unclosed " quote');
      i = j;
    } else if (c === "\\") {
      word += text[++i] ?? "";
    } else {
      word += c;
    }
  }
  if (word !== null) out.push(word);
  return out;
}

/** @param {string} text */
function splitCurl(text) {
  const args = words(text).slice(1);
  /** @type {[string, string][]} */
  const headers = [];
  let body = "";
  let url = "";
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "-H" || arg === "--header") {
      headers.push(...parseHeaderLines(args[++i] ?? ""));
    } else if (["-d", "--data", "--data-raw", "--data-binary", "--data-ascii"].includes(arg)) {
      body = args[++i] ?? "";
      if (body.startsWith("@")) throw new Error("curl reads that body from a file: paste the file's content into the body field");
    } else if (arg === "--url") {
      url = args[++i] ?? "";
    } else if (["-X", "--request", "-u", "--user", "-o", "--output", "-w", "--write-out", "-m", "--max-time"].includes(arg)) {
      i++;
    } else if (!arg.startsWith("-") && !url) {
      url = arg;
    }
  }
  if (!url) throw new Error("no URL found in the curl command");
  return { url, headers, body };
}
