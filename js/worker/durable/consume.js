// @ts-check
// Durable mode's queue consumers, both in this Worker: the deliveries queue forwards each event to its
// route's origin (signed anew at each attempt) and retries a failure with exponential backoff and jitter;
// the dead-letter queue records each delivery whose retries ran out, so it can be listed and redriven.
// Every message is acked or retried on its own: one bad answer never redelivers the rest of its batch.
import { signForOrigin } from "hookgate";
import { postToOrigin } from "../forward.js";
import { log } from "../log.js";
import { fromArchive } from "./archive.js";
import { keepDeadLetter } from "./dead-letters.js";
import { shardOf } from "./ledger.js";

/**
 * @typedef {import("./messages.js").DeliveryMessage} DeliveryMessage
 * @typedef {import("./accept.js").DurableEnv} DurableEnv
 * @typedef {import("../config.js").Config} Config
 */

/** The queues, by the names wrangler.toml gives them. */
export const DELIVERIES_QUEUE = "hookgate-deliveries";
export const DEAD_LETTER_QUEUE = "hookgate-deliveries-dlq";

/**
 * Seconds before attempt `attempt + 1`: `base`, doubling, capped at `max`; from the second retry on, up to
 * a fifth more at random (whole seconds: workerd truncates a fraction), so that deliveries failed together
 * do not all come back together.
 * @param {number} attempt the attempt that just failed (1 for the first)
 * @param {number} base @param {number} max @param {() => number} [random]
 */
export function retryDelay(attempt, base, max, random = Math.random) {
  const exponential = Math.min(max, base * 2 ** Math.min(attempt - 1, 32));
  const jitter = attempt > 1 ? Math.floor(random() * exponential * 0.2) : 0;
  return Math.min(max, exponential + jitter);
}

/** What went wrong, in words, for `lastError` (never a secret: the origin's status only). @param {import("../forward.js").Forwarded} result @param {number} timeoutMs */
function describe({ outcome, status }, timeoutMs) {
  if (outcome === "origin_timeout") return `the origin did not answer within ${timeoutMs} ms`;
  if (outcome === "origin_unreachable") return "the origin could not be reached";
  if (status !== null && status >= 300 && status < 400) return `the origin answered ${status}, a redirect (never followed)`;
  return `the origin answered ${status}`;
}

/**
 * One batch of either queue.
 * @param {MessageBatch<DeliveryMessage>} batch @param {DurableEnv} env @param {Config} config
 */
export async function consume(batch, env, config) {
  const each = batch.queue === DEAD_LETTER_QUEUE ? recordDead : deliver;
  await Promise.all(batch.messages.map((message) => each(message, env, config)));
}

/** One delivery attempt. @param {Message<DeliveryMessage>} message @param {DurableEnv} env @param {Config} config */
async function deliver(message, env, config) {
  const started = Date.now();
  const event = message.body;
  const durable = /** @type {import("../config.js").Durable} */ (config.durable);
  const route = config.routes.get(event.route);
  if (!route) {
    // Removed from ROUTES since the event was accepted: a dead letter naming the route, never dropped.
    const error = `the route "${event.route}" is no longer configured`;
    await keepDeadLetter(env, event, error);
    log({ eventId: event.id, provider: event.provider, route: event.route, outcome: "dead_letter", error });
    return message.ack();
  }
  let error = null;
  /** @type {import("../forward.js").Forwarded | null} */
  let result = null;
  try {
    const body = event.body ?? (await fromArchive(env.ARCHIVE, event.archiveKey));
    if (body === null) error = "the archived event is gone (older than ARCHIVE_DAYS)";
    else {
      const signed = signForOrigin(body, event.id, route.forwardSecret);
      result = await postToOrigin(route, body, { ...event.headers, ...signed, "hookgate-route": route.name });
      if (result.outcome !== "forwarded") error = describe(result, route.timeoutMs);
    }
  } catch {
    error = "the archive could not be read";
  }
  const at = Date.now();
  log({
    eventId: event.id,
    provider: event.provider,
    type: event.type,
    route: route.name,
    delivery: event.kind,
    attempt: message.attempts,
    outcome: result?.outcome ?? "archive_unavailable",
    originStatus: result?.status ?? null,
    ms: at - started,
  });
  try {
    const keyExpiresAt = at + durable.dedupWindowSeconds * 1000;
    const outcome = { error, status: result?.status ?? null, at, ms: at - started };
    await shardOf(env.DEDUP, event.key).attempted(event.key, route.name, outcome, keyExpiresAt);
  } catch {
    log({ eventId: event.id, provider: event.provider, warning: "the attempt could not be recorded in the ledger" });
  }
  if (error === null) message.ack();
  else message.retry({ delaySeconds: retryDelay(message.attempts, durable.retryBaseSeconds, durable.retryMaxSeconds) });
}

/** A dead letter, recorded so it can be listed and redriven. @param {Message<DeliveryMessage>} message @param {DurableEnv} env */
async function recordDead(message, env) {
  const event = message.body;
  try {
    await keepDeadLetter(env, event, null);
    log({ eventId: event.id, provider: event.provider, type: event.type, route: event.route, outcome: "dead_letter" });
    message.ack();
  } catch {
    // Neither the ledger nor the archive took it: the dead-letter queue keeps it and tries again.
    log({ eventId: event.id, provider: event.provider, route: event.route, warning: "the dead letter could not be recorded yet" });
    message.retry({ delaySeconds: 60 });
  }
}
