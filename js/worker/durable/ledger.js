// @ts-check
// The gateway's side of the ledger: which Dedup shard holds a key, and the keys of an event. Keys are
// spread over a fixed number of Durable Objects by a hash, so no single object takes every delivery.

/**
 * @typedef {import("./dedup.js").Dedup} Dedup
 * @typedef {DurableObjectNamespace<Dedup>} DedupNamespace
 * @typedef {import("./dedup.js").EventRecord} EventRecord
 * @typedef {import("./dedup.js").Filter} Filter
 */

/** How many Dedup objects share the keys. Changing it re-homes every key: old duplicates are forgotten. */
export const SHARDS = 16;

/** The key of an event by its provider and id: its dedup key and its record's. @param {string} provider @param {string} id */
export const eventKey = (provider, id) => `event:${provider}:${id}`;

/** The key of a delivery's content (hex SHA-256 of the provider and the body, from the core). @param {string} digest */
export const contentKey = (digest) => `content:${digest}`;

/**
 * FNV-1a over the key's UTF-16 units: a shard number, not a secret. Hand-written: six lines, and the
 * only hash needed here that must be synchronous and stable across isolates.
 * @param {string} key
 */
function fnv1a(key) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/** The Dedup object holding `key`. @param {DedupNamespace} namespace @param {string} key */
export function shardOf(namespace, key) {
  return namespace.get(namespace.idFromName(`shard-${fnv1a(key) % SHARDS}`));
}

/** Every shard's records that match `filter`, oldest first. @param {DedupNamespace} namespace @param {Filter} filter */
export async function findEverywhere(namespace, filter) {
  const shards = Array.from({ length: SHARDS }, (_, shard) => namespace.get(namespace.idFromName(`shard-${shard}`)));
  const found = await Promise.all(shards.map((stub) => stub.find(filter)));
  return /** @type {EventRecord[]} */ (found.flat()).sort((a, b) => a.acceptedAt - b.acceptedAt);
}
