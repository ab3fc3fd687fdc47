// Fetch API `Request`s (Workers, Node 18+, Deno, Bun, Hono's c.req.raw, Next.js route handlers): read
// the body as bytes, never more than maxBodyBytes of it, then verify as the core does.
import { HookgateError, verify, verifyJson } from "./api.js";

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** The body of `request` as bytes; throws `payload_too_large` as soon as it passes `limit` bytes. */
export async function readBodyLimited(request, limit = DEFAULT_MAX_BODY_BYTES, provider) {
  const tooLarge = () => new HookgateError("payload_too_large", `the body is larger than the limit of ${limit} bytes`, provider);
  // Content-Length only lets us refuse early; the stream is counted whatever it claims.
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) {
    await request.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  if (!request.body) return new Uint8Array(0);
  // A declared length within the limit: HTTP framing holds the body to it, so one native read does.
  if (Number.isFinite(declared) && request.headers.get("transfer-encoding") === null) {
    const body = new Uint8Array(await request.arrayBuffer());
    if (body.byteLength > limit) throw tooLarge(); // a Request built in code, not received over HTTP
    return body;
  }
  const reader = request.body.getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
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

async function delivery(provider, request, options) {
  const body = await readBodyLimited(request, options?.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, provider);
  return { headers: request.headers, body, url: request.url };
}

/** Verifies a Fetch API `Request` and returns the event. Throws HookgateError. */
export async function verifyRequest(provider, request, options) {
  return verify(provider, await delivery(provider, request, options), options);
}

/** Verifies a Fetch API `Request` and returns the event as a JSON string (the forwarding path). */
export async function verifyRequestJson(provider, request, options) {
  return verifyJson(provider, await delivery(provider, request, options), options);
}
