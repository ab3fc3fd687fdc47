// Writes test vectors in the shared format, for the providers whose own npm packages sign them
// (the same shape as vectorlib.py writes for the Python-signed ones).
import { createHash, createHmac } from "node:crypto";
import { writeFileSync } from "node:fs";

export const NOW = 1767225600; // 2026-01-01T00:00:00Z, the `now` every vector is checked at

export const ok = (event) => ({ ok: true, event });
export const fail = (code) => ({ ok: false, code });

export function vector(provider, name, headers, body, options, expect, url = `https://edge.example.com/webhooks/${provider}`) {
  return { provider, name, request: { headers, body, url }, options: { now: NOW, ...options }, expect };
}

/** An HMAC by node:crypto (OpenSSL: an implementation independent of hookgate's). */
export const hmac = (algorithm, key, data, encoding) => createHmac(algorithm, key).update(data).digest(encoding);

/** The `sha256:` id hookgate gives a delivery whose sender names no event: the hex SHA-256 of the body. */
export const digestId = (body) => `sha256:${createHash("sha256").update(body).digest("hex")}`;

/** Marks a vector that states hookgate's policy, which the sender's SDK is not asked to judge. */
export const UNJUDGED = Symbol("policy, not judged by the SDK");
export const unjudged = (vector) => Object.assign(vector, { [UNJUDGED]: true });

/** The body with one byte changed after signing. */
export function tamper(body) {
  const index = body.indexOf(":") + 2;
  return body.slice(0, index) + (body[index] !== "X" ? "X" : "Y") + body.slice(index + 1);
}

/**
 * The standard set for a signature header: valid, rotation, tampered, wrong secret, missing header,
 * malformed header, no secret configured. `sign(body, secret)` gives the headers that carry it.
 */
export function signatureCases(provider, { sign, body, secret, event, extra = {}, malformed, header, url }) {
  const good = { ...extra, ...sign(body, secret) };
  const v = (name, headers, b, options, expect) => vector(provider, name, headers, b, options, expect, url);
  return [
    v("valid signature", good, body, { secret }, ok(event)),
    v("second of two rotated secrets", good, body, { secret: ["old-secret", secret] }, ok(event)),
    v("one byte changed", good, tamper(body), { secret }, fail("signature_mismatch")),
    v("wrong secret", { ...extra, ...sign(body, "wrong-secret") }, body, { secret }, fail("signature_mismatch")),
    v("no signature header", Object.fromEntries(Object.entries(good).filter(([name]) => name !== header)), body, { secret }, fail("missing_signature")),
    v("malformed signature header", { ...good, [header]: malformed }, body, { secret }, fail("malformed_signature")),
    v("no secret configured", good, body, { secret: null }, fail("missing_secret")),
  ];
}

/** A documented delivery before signing (see vectorlib.py's `sample`). */
export const sample = (body, headers = {}) => ({ headers, body });

export function write(provider, vectors, sample, generatedBy) {
  const file = new URL(`./${provider}.json`, import.meta.url);
  writeFileSync(file, JSON.stringify({ generatedBy, sample, vectors }, null, 1) + "\n");
  console.log(`wrote ${vectors.length} vectors to ${provider}.json`);
}
