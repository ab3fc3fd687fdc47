// @ts-check
// What travels through the deliveries queue: an event to deliver, by value when small, by archive key
// always (so the dead-letter consumer and a redrive can find it).
import { INLINE_LIMIT } from "./archive.js";

/**
 * @typedef {"first" | "redrive" | "replay"} Kind
 * @typedef {{ provider: string, id: string, type: string, key: string, archiveKey: string,
 *   headers: Record<string, string>, body?: Uint8Array, kind: Kind }} DeliveryMessage
 */

/** Messages are structured clones, so the event's bytes travel as bytes (the default is JSON). */
export const V8 = /** @type {const} */ ({ contentType: "v8" });

/**
 * The message for an event; its body rides along when it fits.
 * @param {{ provider: string, id: string, type: string, key: string, archiveKey: string, headers: Record<string, string> }} event
 * @param {Uint8Array | null} body
 * @param {Kind} kind
 * @returns {DeliveryMessage}
 */
export function deliveryMessage(event, body, kind) {
  const { provider, id, type, key, archiveKey, headers } = event;
  return { provider, id, type, key, archiveKey, headers, kind, ...(body && body.byteLength <= INLINE_LIMIT ? { body } : {}) };
}
