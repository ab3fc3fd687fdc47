// @ts-check
// What the admin API says of events: the list (newest first, filtered, a cursor), one event with each
// route's attempts, the archived normalized event, and the dead letters. Never a secret or a signature:
// a record holds the event's head and the origin headers hookgate sends (no credential); the archive
// holds the normalized event, which has none.
import { fromArchive } from "./archive.js";
import { settleKeptDeadLetters } from "./dead-letters.js";
import { eventKey, findEverywhere, shardOf } from "./ledger.js";

/**
 * @typedef {import("./accept.js").DurableEnv} DurableEnv
 * @typedef {import("./dedup.js").EventRecord} EventRecord
 * @typedef {import("./dedup.js").Attempt} Attempt
 * @typedef {import("./dedup.js").Filter} Filter
 */

/** Events one list answer holds at most, and by default. */
export const MAX_PAGE = 200;
export const DEFAULT_PAGE = 50;
/** Dead letters one answer holds at most (events, each with its dead routes), and by default. */
export const MAX_DEAD_PAGE = 1000;
export const DEFAULT_DEAD_PAGE = 100;
/** The longest type pattern or id a filter takes (ids are at most 512 bytes). */
const MAX_FILTER_LENGTH = 512;
const STATUSES = new Set(["queued", "delivered", "dead"]);

const iso = (/** @type {number | null} */ at) => (at === null ? null : new Date(at).toISOString());

/** The event's status over its routes: dead if one is, else queued if one is, else delivered. @param {EventRecord} record */
function overall(record) {
  const statuses = Object.values(record.routes).map((route) => route.status);
  return statuses.includes("dead") ? "dead" : statuses.includes("queued") ? "queued" : "delivered";
}

/** What an admin answer says of an event: no secret, no body. @param {EventRecord} record */
export function described(record) {
  const routes = Object.entries(record.routes);
  return {
    id: record.id,
    provider: record.provider,
    type: record.type,
    subject: record.subject,
    test: record.test,
    acceptedAt: iso(record.acceptedAt),
    status: overall(record),
    attempts: routes.reduce((sum, [, route]) => sum + route.attempts, 0),
    lastError: routes.find(([, route]) => route.lastError !== null)?.[1].lastError ?? null,
    routes: Object.fromEntries(
      routes.map(([name, route]) => [
        name,
        {
          status: route.status,
          attempts: route.attempts,
          lastError: route.lastError,
          lastStatus: route.lastStatus,
          lastAttemptAt: iso(route.lastAttemptAt),
        },
      ]),
    ),
  };
}

/** The cursor after `record`, opaque to the caller. @param {EventRecord} record */
export const cursorAfter = (record) => JSON.stringify([record.acceptedAt, record.key]);

/** A cursor back into `[acceptedAt, key]`, or null when it is not one. @param {unknown} cursor @returns {[number, string] | null} */
export function readCursor(cursor) {
  try {
    const value = JSON.parse(String(cursor));
    return Array.isArray(value) && value.length === 2 && Number.isFinite(value[0]) && typeof value[1] === "string"
      ? [value[0], value[1]]
      : null;
  } catch {
    return null;
  }
}

/** A whole number in [1, max] from a query parameter, `fallback` when absent, null when not one. @param {string | null} text @param {number} max @param {number} fallback */
export function wholeNumber(text, max, fallback) {
  if (text === null) return fallback;
  const n = Number(text);
  return /^\d+$/.test(text) && n >= 1 && n <= max ? n : null;
}

/** A time from a query parameter (ISO 8601), undefined when absent, null when not one. @param {string | null} text */
function time(text) {
  if (text === null) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : at;
}

export const EVENTS_EXPECTED = `provider, type (a prefix or a pattern with *), status (queued, delivered or dead), route, from and to (ISO 8601), q (an event or subject id), limit (1-${MAX_PAGE}) and cursor (a previous answer's next), each optional`;

/**
 * The filter a `GET /admin/events` query asks for, or null when a parameter is not what it takes.
 * @param {URLSearchParams} query @returns {Filter | null}
 */
export function eventsFilter(query) {
  const text = (/** @type {string} */ name) => query.get(name) || undefined;
  const [from, to] = [time(query.get("from")), time(query.get("to"))];
  const limit = wholeNumber(query.get("limit"), MAX_PAGE, DEFAULT_PAGE);
  const before = query.has("cursor") ? readCursor(query.get("cursor")) : undefined;
  const status = text("status");
  const long = ["type", "q", "provider", "route"].some((name) => (query.get(name) ?? "").length > MAX_FILTER_LENGTH);
  if (from === null || to === null || limit === null || before === null || long) return null;
  if (status !== undefined && !STATUSES.has(status)) return null;
  return {
    provider: text("provider"),
    type: text("type"),
    status: /** @type {Filter["status"]} */ (status),
    route: text("route"),
    from,
    to,
    idOrSubject: text("q"),
    before,
    newestFirst: true,
    limit,
  };
}

/** One page of events, newest first. @param {DurableEnv} env @param {Filter} filter */
export async function listEvents(env, filter) {
  const { records, more } = await findEverywhere(env.DEDUP, filter);
  const last = records.at(-1);
  return { items: records.map(described), next: more && last ? cursorAfter(last) : null };
}

/** The record of the event `id` (of `provider` when given: ids are unique per provider only). @param {DurableEnv} env @param {string} id @param {string | null} provider */
export async function findEvent(env, id, provider) {
  if (provider) return shardOf(env.DEDUP, eventKey(provider, id)).get(eventKey(provider, id));
  return (await findEverywhere(env.DEDUP, { ids: [id] })).records.at(-1) ?? null;
}

/** One event as the admin API shows it: each route with its latest attempts. @param {DurableEnv} env @param {EventRecord} record */
export async function eventDetail(env, record) {
  const history = await shardOf(env.DEDUP, record.key).history(record.key);
  const event = described(record);
  for (const [name, route] of Object.entries(event.routes)) {
    const attempts = history[name] ?? [];
    Object.assign(route, { history: attempts.map((attempt) => ({ ...attempt, at: iso(attempt.at) })) });
  }
  return event;
}

/** The archived normalized event's bytes, or null when the archive no longer has it. @param {DurableEnv} env @param {EventRecord} record */
export const archivedEvent = (env, record) => fromArchive(env.ARCHIVE, record.archiveKey);

export const DEAD_EXPECTED = `route, provider, limit (1-${MAX_DEAD_PAGE}) and cursor (a previous answer's next), each optional`;

/**
 * One page of dead letters (one item per event and dead route), oldest first; the ones kept in the
 * archive while the ledger was away are moved into it first.
 * @param {DurableEnv} env @param {URLSearchParams} query
 */
export async function listDeadLetters(env, query) {
  const limit = wholeNumber(query.get("limit"), MAX_DEAD_PAGE, DEFAULT_DEAD_PAGE);
  const after = query.has("cursor") ? readCursor(query.get("cursor")) : undefined;
  if (limit === null || after === null) return null;
  const route = query.get("route") || undefined;
  await settleKeptDeadLetters(env);
  const filter = { status: /** @type {const} */ ("dead"), route, provider: query.get("provider") || undefined, after, limit };
  const { records, more } = await findEverywhere(env.DEDUP, filter);
  const items = records.flatMap((record) =>
    Object.entries(record.routes)
      .filter(([name, delivery]) => delivery.status === "dead" && (!route || name === route))
      .map(([name, delivery]) => ({
        ...described(record),
        route: name,
        status: "dead",
        attempts: delivery.attempts,
        lastError: delivery.lastError,
        failedAt: new Date(delivery.failedAt ?? 0).toISOString(),
      })),
  );
  const last = records.at(-1);
  return { items, next: more && last ? cursorAfter(last) : null };
}
