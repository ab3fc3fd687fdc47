// @ts-check
// Durable mode's answer to a verified delivery: deduplicate it (the Dedup objects), archive it (R2) and
// enqueue it (Queues), and only then tell the sender 200. A failure anywhere before the send resolved
// releases what was reserved, so the sender's retry is not taken for a duplicate.
import { archive, archiveKey } from "./archive.js";
import { contentKey, eventKey, shardOf } from "./ledger.js";
import { deliveryMessage, V8 } from "./messages.js";

/**
 * @typedef {import("./ledger.js").DedupNamespace} DedupNamespace
 * @typedef {{ DELIVERIES: Queue, DEDUP: DedupNamespace, ARCHIVE: R2Bucket }} DurableEnv
 * @typedef {"queued" | "duplicate" | "busy" | "unavailable"} Accepted
 */

/** The headers that go to the origin with every attempt; the signature is made anew for each. @param {Record<string, string>} headers */
const originHeaders = ({ "webhook-timestamp": _t, "webhook-signature": _s, ...rest }) => rest;

/**
 * @param {DurableEnv} env
 * @param {import("../config.js").Durable} settings
 * @param {import("hookgate").ForwardableEvent} event
 * @param {(promise: Promise<unknown>) => void} waitUntil
 * @returns {Promise<Accepted>}
 */
export async function accept(env, settings, event, waitUntil) {
  const key = eventKey(event.provider, event.id);
  // A delivery whose credential signs no time is also keyed by its content: a captured copy resent with
  // a new id header is the same bytes. Keys are always reserved in this order, so no two deliveries wait
  // on each other's second key.
  const keys = event.replayDigest ? [key, contentKey(event.replayDigest)] : [key];
  const where = await archiveKey(event.provider, event.id);
  const now = Date.now();
  const headers = originHeaders(event.headers);
  // Written with the event key's reservation, so the consumer finds it whenever it runs.
  const record = {
    key,
    id: event.id,
    provider: event.provider,
    type: event.type,
    status: /** @type {const} */ ("queued"),
    attempts: 0,
    lastError: null,
    acceptedAt: now,
    failedAt: null,
    archiveKey: where,
    headers,
    recordExpiresAt: now + settings.archiveDays * 86_400_000,
  };
  /** @type {string[]} */
  const reserved = [];
  const release = () => Promise.allSettled(reserved.map((each) => shardOf(env.DEDUP, each).release(each)));
  try {
    // The archive write runs beside the reservations: it is the same object for a duplicate.
    const archived = archive(env.ARCHIVE, where, event.body);
    for (const each of keys) {
      const verdict = await shardOf(env.DEDUP, each).reserve(each, each === key ? record : null);
      if (verdict !== "reserved") {
        await release();
        await archived.catch(() => {});
        return verdict;
      }
      reserved.push(each);
    }
    await archived;
    await env.DELIVERIES.send(deliveryMessage({ ...event, key, archiveKey: where, headers }, event.body, "first"), V8);
  } catch {
    await release();
    return "unavailable";
  }
  // Taken: the keys hold for the window. The sender's answer does not wait for this; a failure here
  // leaves a reservation that lapses with its lease.
  const until = now + settings.dedupWindowSeconds * 1000;
  waitUntil(Promise.all(reserved.map((each) => shardOf(env.DEDUP, each).confirm(each, until))));
  return "queued";
}
