// @ts-check
// Fetch API `Request`s (Workers, Node 18+, Deno, Bun, Hono's c.req.raw, Next.js route handlers): read
// the body as bytes, never more than maxBodyBytes of it, then verify as the core does.

import { tooLarge } from "./boundary.js";
import { verify, verifyJson } from "./core.js";
import { DEFAULT_MAX_BODY_BYTES, limitOption } from "./defaults.js";

/**
 * @typedef {import("./index.js").FetchRequestLike} FetchRequestLike
 * @typedef {import("./index.js").Provider} ProviderId
 * @typedef {import("./index.js").VerifyOptions} VerifyOptions
 */

/**
 * The body of `request` as bytes; throws `payload_too_large` as soon as it passes `limit` bytes. The body
 * is always read as a stream and counted, whatever the headers claim: HTTP/2 and HTTP/3 clients, Deno,
 * Bun and Next.js hand over bodies with no Content-Length, and a Request built in code can carry any.
 * @param {FetchRequestLike} request
 * @param {number} [limit]
 * @param {string} [provider]
 * @returns {Promise<Uint8Array>}
 */
export async function readBodyLimited(request, limit = DEFAULT_MAX_BODY_BYTES, provider) {
  // A Content-Length over the limit lets us refuse before reading anything.
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (declared > limit) {
    await request.body?.cancel().catch(() => {});
    throw tooLarge(limit, provider);
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit, provider);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0];
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** @param {ProviderId} provider @param {FetchRequestLike} request @param {VerifyOptions} [options] */
async function delivery(provider, request, options) {
  const id = typeof provider === "string" ? provider : provider?.id;
  const body = await readBodyLimited(request, limitOption(options?.maxBodyBytes, "maxBodyBytes", DEFAULT_MAX_BODY_BYTES), id);
  return { headers: request.headers, body, url: request.url, method: request.method };
}

/**
 * Verifies a Fetch API `Request` and returns the event. Throws HookgateError.
 * @param {ProviderId} provider @param {FetchRequestLike} request @param {VerifyOptions} [options]
 */
export async function verifyRequest(provider, request, options) {
  return verify(provider, await delivery(provider, request, options), options);
}

/**
 * Verifies a Fetch API `Request` and returns the event as a JSON string.
 * @param {ProviderId} provider @param {FetchRequestLike} request @param {VerifyOptions} [options]
 */
export async function verifyRequestJson(provider, request, options) {
  return verifyJson(provider, await delivery(provider, request, options), options);
}
