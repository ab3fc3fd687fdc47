// @ts-check
// The archive (R2, binding ARCHIVE): every accepted event's JSON, kept for ARCHIVE_DAYS by the bucket's
// lifecycle rule, so that a dead letter can be redriven and any event replayed; an event too large to
// travel inside a queue message travels as its archive key. Dead letters the ledger could not take wait
// here too (`dead-letters/`), until the admin API records them.

const hex = (/** @type {ArrayBuffer} */ bytes) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");

/** Where an event is archived: by provider and a digest of its id (ids may hold any character). @param {string} provider @param {string} id */
export async function archiveKey(provider, id) {
  return `events/${provider}/${hex(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(id)))}.json`;
}

/** @param {R2Bucket} bucket @param {string} key @param {Uint8Array} body */
export async function archive(bucket, key, body) {
  await bucket.put(key, body, { httpMetadata: { contentType: "application/json" } });
}

/** Removes the archive of an event that was not enqueued (best effort: the lifecycle rule removes it anyway). @param {R2Bucket} bucket @param {string} key */
export async function unarchive(bucket, key) {
  await bucket.delete(key).catch(() => {});
}

/** The archived event, or null when it is gone (past ARCHIVE_DAYS). @param {R2Bucket} bucket @param {string} key */
export async function fromArchive(bucket, key) {
  const object = await bucket.get(key);
  return object ? new Uint8Array(await object.arrayBuffer()) : null;
}
