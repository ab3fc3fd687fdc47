// @ts-check
// Dead letters are kept in the ledger (the Dedup objects), where they are listed and redriven. While the
// ledger cannot be reached, one is kept in the archive bucket instead (`dead-letters/…`), and the admin API
// moves it into the ledger the next time dead letters are listed or redriven: no path drops one silently.
import { shardOf } from "./ledger.js";

/**
 * @typedef {import("./accept.js").DurableEnv} DurableEnv
 * @typedef {{ key: string, route: string, id: string, provider: string, at: number, error: string | null }} KeptDeadLetter
 */

export const DEAD_LETTER_PREFIX = "dead-letters/";

const hex = (/** @type {ArrayBuffer} */ bytes) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");

/** @param {string} key @param {string} route */
const objectKey = async (key, route) =>
  `${DEAD_LETTER_PREFIX}${hex(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${key}\0${route}`)))}.json`;

/**
 * Records a dead letter in the ledger, or, failing that, in the archive bucket. Throws only when neither
 * took it (the caller's queue then keeps the message and tries again).
 * @param {DurableEnv} env
 * @param {{ key: string, route: string, id: string, provider: string }} event
 * @param {string | null} error why, when it is not the last attempt's error
 */
export async function keepDeadLetter(env, event, error) {
  const at = Date.now();
  try {
    await shardOf(env.DEDUP, event.key).dead(event.key, event.route, at, error);
  } catch {
    /** @type {KeptDeadLetter} */
    const kept = { key: event.key, route: event.route, id: event.id, provider: event.provider, at, error };
    await env.ARCHIVE.put(await objectKey(event.key, event.route), JSON.stringify(kept), {
      httpMetadata: { contentType: "application/json" },
    });
  }
}

/**
 * Moves the dead letters kept in the archive into the ledger (each removed from the archive once the
 * ledger has it). Returns how many are still waiting.
 * @param {DurableEnv} env
 */
export async function settleKeptDeadLetters(env) {
  let waiting = 0;
  let cursor;
  do {
    const listed = await env.ARCHIVE.list({ prefix: DEAD_LETTER_PREFIX, cursor });
    for (const object of listed.objects) {
      try {
        const kept = /** @type {KeptDeadLetter} */ (await (await env.ARCHIVE.get(object.key))?.json());
        if (kept) await shardOf(env.DEDUP, kept.key).dead(kept.key, kept.route, kept.at, kept.error);
        await env.ARCHIVE.delete(object.key);
      } catch {
        waiting++;
      }
    }
    cursor = listed.truncated ? listed.cursor : undefined;
  } while (cursor);
  return waiting;
}
