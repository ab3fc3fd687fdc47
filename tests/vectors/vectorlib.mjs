// Writes test vectors in the shared format, for the providers whose own npm packages sign them
// (the same shape as vectorlib.py writes for the Python-signed ones).
import { writeFileSync } from "node:fs";

export const NOW = 1767225600; // 2026-01-01T00:00:00Z, the `now` every vector is checked at

export const ok = (event) => ({ ok: true, event });
export const fail = (code) => ({ ok: false, code });

export function vector(provider, name, headers, body, options, expect) {
  return { provider, name, request: { headers, body, url: `https://edge.example.com/webhooks/${provider}` }, options: { now: NOW, ...options }, expect };
}

/** A documented delivery before signing (see vectorlib.py's `sample`). */
export const sample = (body, headers = {}) => ({ headers, body });

export function write(provider, vectors, sample, generatedBy) {
  const file = new URL(`./${provider}.json`, import.meta.url);
  writeFileSync(file, JSON.stringify({ generatedBy, sample, vectors }, null, 1) + "\n");
  console.log(`wrote ${vectors.length} vectors to ${provider}.json`);
}
