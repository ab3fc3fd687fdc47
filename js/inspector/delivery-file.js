// @ts-check
// A delivery from a file, its body's bytes kept exactly (a text field would turn CRLF into LF): a raw
// HTTP request as saved from a proxy or `nc -l`, a HAR export from the browser's or a proxy's network
// panel, or else the raw body itself.
import { parseHeaderLines } from "hookgate/explain";

/**
 * @typedef {{ url: string | null, headers: [string, string][] | null, body: Uint8Array }} FileDelivery
 * @typedef {{ label: string, delivery: FileDelivery }} HarRequest
 * @typedef {{ kind: "body" | "http", delivery: FileDelivery } | { kind: "har", requests: HarRequest[] }} ReadFile
 */

const REQUEST_LINE = /^[A-Z]+ \S+ HTTP\/\d(?:\.\d)?\r?\n/;

/**
 * What a file holds. Throws an Error with a message for the page when a HAR export has no request with a body.
 * @param {Uint8Array} bytes
 * @param {string} name
 * @returns {ReadFile}
 */
export function readDeliveryFile(bytes, name) {
  const head = new TextDecoder().decode(bytes.subarray(0, 4096));
  if (REQUEST_LINE.test(head)) return { kind: "http", delivery: splitHttpBytes(bytes) };
  if (name.toLowerCase().endsWith(".har") || /^\s*\{\s*"log"\s*:/.test(head)) return { kind: "har", requests: harRequests(bytes) };
  return { kind: "body", delivery: { url: null, headers: null, body: bytes } };
}

/** A raw HTTP request: the head up to the first empty line (CRLF or LF), the body after it byte for byte. @param {Uint8Array} bytes */
function splitHttpBytes(bytes) {
  let end = -1;
  let skip = 0;
  for (let i = 0; i < bytes.length - 1; i++) {
    if (bytes[i] === 10 && bytes[i + 1] === 10) [end, skip] = [i, 2];
    else if (bytes[i] === 13 && bytes[i + 1] === 10 && bytes[i + 2] === 13 && bytes[i + 3] === 10) [end, skip] = [i, 4];
    if (end >= 0) break;
  }
  const headText = new TextDecoder().decode(end >= 0 ? bytes.subarray(0, end) : bytes);
  const [requestLine, ...lines] = headText.split(/\r?\n/);
  const headers = parseHeaderLines(lines.join("\n"));
  const target = requestLine.split(" ")[1] ?? "";
  const host = headers.find(([header]) => header.toLowerCase() === "host")?.[1];
  const url = /^https?:\/\//.test(target) ? target : host ? `https://${host}${target}` : null;
  return { url, headers, body: end >= 0 ? bytes.slice(end + skip) : new Uint8Array(0) };
}

/** Each request with a body in a HAR export, newest last, labelled by method, URL and time. @param {Uint8Array} bytes */
function harRequests(bytes) {
  /** @type {any} */
  let har;
  try {
    har = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new Error("this .har file is not valid JSON");
  }
  /** @type {any[]} */
  const entries = Array.isArray(har?.log?.entries) ? har.log.entries : [];
  const requests = entries
    .filter((entry) => typeof entry?.request?.postData?.text === "string")
    .map((entry) => {
      const request = entry.request;
      /** @type {[string, string][]} */
      const headers = (Array.isArray(request.headers) ? request.headers : [])
        .filter((/** @type {any} */ h) => typeof h?.name === "string" && !h.name.startsWith(":"))
        .map((/** @type {any} */ h) => [h.name, String(h.value ?? "")]);
      const body = new TextEncoder().encode(request.postData.text);
      return {
        label: `${request.method} ${request.url} (${entry.startedDateTime ?? "no time"})`,
        delivery: { url: String(request.url), headers, body },
      };
    });
  if (requests.length === 0) throw new Error("this HAR export holds no request with a body");
  return requests;
}
