// @ts-check
// The archive (R2, binding ARCHIVE): every accepted event's JSON, kept for ARCHIVE_DAYS by the bucket's
// lifecycle rule, so that a dead letter can be redriven and any event replayed; an event too large to
// travel inside a queue message travels as its archive key.

/** Events up to this size travel inside the queue message (whose limit is 128 KB, headers included). */
export const INLINE_LIMIT = 96 * 1024;

const hex = (/** @type {ArrayBuffer} */ bytes) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");

/** Where an event is archived: by provider and a digest of its id (ids may be long or hold any character). @param {string} provider @param {string} id */
export async function archiveKey(provider, id) {
  return `events/${provider}/${hex(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(id)))}.json`;
}

/** @param {R2Bucket} bucket @param {string} key @param {Uint8Array} body */
export async function archive(bucket, key, body) {
  await bucket.put(key, body, { httpMetadata: { contentType: "application/json" } });
}

/** The archived event, or null when it is gone (past ARCHIVE_DAYS). @param {R2Bucket} bucket @param {string} key */
export async function fromArchive(bucket, key) {
  const object = await bucket.get(key);
  return object ? new Uint8Array(await object.arrayBuffer()) : null;
}
