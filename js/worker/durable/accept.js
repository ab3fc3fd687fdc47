// @ts-check
// Durable mode's answer to a verified delivery, in this order: reserve its keys (the Dedup objects: a
// duplicate stops here, before anything is written), archive it (R2), enqueue one message per route
// (Queues), confirm the reservation, and only then tell the sender 200. A failure before the enqueue
// resolved releases what was reserved and removes what was archived, so the sender's retry is not taken
// for a duplicate and nothing is left behind.
import { log } from "../log.js";
import { archive, archiveKey, unarchive } from "./archive.js";
import { contentKey, eventKey, shardOf } from "./ledger.js";
import { deliveryMessage, enqueue } from "./messages.js";

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
 * @param {string[]} routes the names of the routes it goes to (at least one)
 * @returns {Promise<Accepted>}
 */
export async function accept(env, settings, event, routes) {
  const key = eventKey(event.provider, event.id);
  // A delivery whose credential signs no time is also keyed by its content: a captured copy resent with
  // a new id header is the same bytes. Keys are always reserved in this order, so no two deliveries wait
  // on each other's second key.
  const keys = event.replayDigest ? [key, contentKey(event.provider, event.replayDigest)] : [key];
  const where = await archiveKey(event.provider, event.id);
  const now = Date.now();
  const head = { provider: event.provider, id: event.id, type: event.type, key, archiveKey: where, headers: originHeaders(event.headers) };
  // Written with the event key's reservation, so a consumer finds it whenever it runs.
  const record = {
    ...head,
    subject: event.subjectId,
    test: event.test,
    acceptedAt: now,
    routes: Object.fromEntries(routes.map((route) => [route, null])),
    recordExpiresAt: now + settings.archiveDays * 86_400_000,
  };
  /** @type {string[]} */
  const reserved = [];
  const release = () => Promise.allSettled(reserved.map((each) => shardOf(env.DEDUP, each).release(each)));
  let archived = false;
  try {
    for (const each of keys) {
      const verdict = await shardOf(env.DEDUP, each).reserve(each, each === key ? /** @type {any} */ (record) : null, event.provider);
      if (verdict !== "reserved") {
        await release();
        return verdict;
      }
      reserved.push(each);
    }
    // Only a reserved key is archived: a duplicate never writes over the event on record.
    await archive(env.ARCHIVE, where, event.body);
    archived = true;
    await enqueue(
      env.DELIVERIES,
      routes.map((route) => deliveryMessage(head, route, event.body, "first")),
    );
  } catch {
    await release();
    if (archived) await unarchive(env.ARCHIVE, where);
    return "unavailable";
  }
  // Taken: the keys hold for the window, confirmed before the sender is answered. Should that fail, the
  // record on file still makes a redelivery a duplicate, and the consumer confirms the key at its attempt.
  const until = now + settings.dedupWindowSeconds * 1000;
  // The event key's confirmation counts the delivery as accepted (the console's health figures).
  const confirmed = await Promise.allSettled(
    reserved.map((each) => shardOf(env.DEDUP, each).confirm(each, until, each === key ? event.provider : null)),
  );
  if (confirmed.some((each) => each.status === "rejected")) {
    log({ eventId: event.id, provider: event.provider, warning: "the reservation could not be confirmed; the consumer confirms it" });
  }
  return "queued";
}
