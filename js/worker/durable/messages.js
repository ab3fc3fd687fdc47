// @ts-check
// What travels through the deliveries queue: one message per event and route, the event by value when
// the whole message fits, by archive key always (so the dead-letter consumer and a redrive find it).

/**
 * @typedef {"first" | "redrive" | "replay"} Kind
 * @typedef {{ provider: string, id: string, type: string, key: string, archiveKey: string,
 *   headers: Record<string, string> }} EventHead
 * @typedef {EventHead & { route: string, kind: Kind, body?: Uint8Array }} DeliveryMessage
 */

/** Messages are structured clones, so the event's bytes travel as bytes (the default is JSON). */
export const V8 = /** @type {const} */ ({ contentType: "v8" });

/**
 * The largest message sent with the event inside: Queues takes 128 KB per message, headers and id
 * included (an id travels in `id`, `key` and `webhook-id`), so the whole message is counted, with room
 * left for the serialization's own bytes.
 */
export const MESSAGE_LIMIT = 120 * 1024;

const encoder = new TextEncoder();

/**
 * The message for an event to one route; its body rides along when the whole message fits.
 * @param {EventHead} event @param {string} route @param {Uint8Array | null} body @param {Kind} kind
 * @returns {DeliveryMessage}
 */
export function deliveryMessage(event, route, body, kind) {
  const { provider, id, type, key, archiveKey, headers } = event;
  const message = { provider, id, type, key, archiveKey, headers, route, kind };
  const size = encoder.encode(JSON.stringify(message)).byteLength + (body?.byteLength ?? 0);
  return body && size <= MESSAGE_LIMIT ? { ...message, body } : message;
}

/** What one `sendBatch` takes: Queues allows 100 messages and 256 KB in a batch. */
const BATCH_MESSAGES = 100;
const BATCH_BYTES = 240 * 1024;

/** A message's size as counted against the limits. @param {DeliveryMessage} message */
const sizeOf = (message) => {
  const { body, ...head } = message;
  return encoder.encode(JSON.stringify(head)).byteLength + (body?.byteLength ?? 0);
};

/**
 * Sends messages in as few batches as the limits allow (one, for an event's first delivery to at most
 * 100 routes: bodies are left to the archive when they would not fit together), so that either every
 * route's message is enqueued or none is.
 * @param {Queue} queue @param {DeliveryMessage[]} messages
 */
export async function enqueue(queue, messages) {
  let pending = messages;
  if (pending.reduce((total, message) => total + sizeOf(message), 0) > BATCH_BYTES) {
    pending = pending.map(({ body: _, ...byKey }) => byKey);
  }
  for (let at = 0; at < pending.length; ) {
    let bytes = 0;
    let end = at;
    while (end < pending.length && end - at < BATCH_MESSAGES && bytes + sizeOf(pending[end]) <= BATCH_BYTES)
      bytes += sizeOf(pending[end++]);
    end = Math.max(end, at + 1);
    await queue.sendBatch(pending.slice(at, end).map((body) => ({ body, contentType: "v8" })));
    at = end;
  }
}
