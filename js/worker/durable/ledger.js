// @ts-check
// The gateway's side of the ledger: which Dedup shard holds a key, the keys of an event, and queries over
// every shard. Keys are spread over a fixed number of Durable Objects by a hash, so no single object takes
// every delivery.

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

/**
 * The key of a delivery's content (the core's digest of what its credential covers), per provider: two
 * senders' identical bytes are two events.
 * @param {string} provider @param {string} digest
 */
export const contentKey = (provider, digest) => `content:${provider}:${digest}`;

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

/** The number of the shard holding `key`. @param {string} key */
export const shardNumber = (key) => fnv1a(key) % SHARDS;

/** The Dedup object holding `key`. @param {DedupNamespace} namespace @param {string} key */
export function shardOf(namespace, key) {
  return shardAt(namespace, shardNumber(key));
}

/** The shard numbered `shard`. @param {DedupNamespace} namespace @param {number} shard */
export const shardAt = (namespace, shard) => namespace.get(namespace.idFromName(`shard-${shard}`));

/** Every shard, in shard order. @param {DedupNamespace} namespace */
export const everyShard = (namespace) => Array.from({ length: SHARDS }, (_, shard) => shardAt(namespace, shard));

/** Oldest first: by acceptance, then key (the order a cursor follows). @param {EventRecord} a @param {EventRecord} b */
export const byAcceptance = (a, b) => a.acceptedAt - b.acceptedAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * Every shard's records that match `filter`, oldest first (newest first with `filter.newestFirst`). With
 * `filter.limit`, at most that many: each
 * shard gives its first `limit + 1` and the merge keeps the first `limit`; `more` says whether any were
 * left past them (where a cursor continues).
 * @param {DedupNamespace} namespace @param {Filter} filter
 * @returns {Promise<{ records: EventRecord[], more: boolean }>}
 */
export async function findEverywhere(namespace, filter) {
  const limit = filter.limit;
  const found = await Promise.all(everyShard(namespace).map((stub) => stub.find({ ...filter, limit: limit && limit + 1 })));
  const order = filter.newestFirst ? (/** @type {EventRecord} */ a, /** @type {EventRecord} */ b) => byAcceptance(b, a) : byAcceptance;
  const records = /** @type {EventRecord[]} */ (found.flat()).sort(order);
  if (limit === undefined) return { records, more: false };
  return { records: records.slice(0, limit), more: records.length > limit };
}
