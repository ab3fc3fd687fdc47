// @ts-check
// The admin endpoints of durable mode: an event's record, the dead letters, redrive and replay. They exist
// only when ADMIN_TOKEN is set (404 otherwise) and answer only `Authorization: Bearer <ADMIN_TOKEN>` (401
// otherwise), compared in constant time. Redrive and replay always go to the configured routes, never to a
// URL given in a request (a field they do not know is ignored), and a replayed event keeps its id so the
// origin can tell. Every call is bounded: at most MAX_IDS ids, at most MAX_LIMIT events replayed per call.
import { readBodyLimited } from "hookgate";
import { settleKeptDeadLetters } from "./dead-letters.js";
import { eventKey, everyShard, findEverywhere, shardNumber, shardOf } from "./ledger.js";
import { deliveryMessage, enqueue } from "./messages.js";

/**
 * @typedef {import("./accept.js").DurableEnv} DurableEnv
 * @typedef {import("./dedup.js").EventRecord} EventRecord
 * @typedef {import("./dedup.js").Pair} Pair
 * @typedef {import("./messages.js").Kind} Kind
 */

/** The most ids one call may name. */
export const MAX_IDS = 1000;
/** How many events one replay by time sends at most (`limit`), and by default. */
export const MAX_LIMIT = 1000;
export const DEFAULT_LIMIT = 100;
/** An admin request body is small JSON: ids and dates. */
const MAX_REQUEST_BYTES = 1024 * 1024;

const json = (/** @type {number} */ status, /** @type {unknown} */ body) => Response.json(body, { status });
const invalid = (/** @type {string} */ expected) => json(400, { error: "invalid_request", expected });
const encoder = new TextEncoder();

/** Whether `request` carries `Bearer <token>`: both sides hashed, then compared in constant time. @param {Request} request @param {string} token */
async function authorized(request, token) {
  const presented = /^Bearer\s+(.+)$/i.exec(request.headers.get("authorization") ?? "")?.[1]?.trim() ?? "";
  const [a, b] = await Promise.all([presented, token].map((text) => crypto.subtle.digest("SHA-256", encoder.encode(text))));
  return crypto.subtle.timingSafeEqual(a, b);
}

/** The event's status over its routes: dead if one is, else queued if one is, else delivered. @param {EventRecord} record */
function overall(record) {
  const statuses = Object.values(record.routes).map((route) => route.status);
  return statuses.includes("dead") ? "dead" : statuses.includes("queued") ? "queued" : "delivered";
}

/** What an admin answer says of an event: no secret, no body. @param {EventRecord} record */
const described = (record) => {
  const routes = Object.entries(record.routes);
  return {
    id: record.id,
    provider: record.provider,
    type: record.type,
    status: overall(record),
    attempts: routes.reduce((sum, [, route]) => sum + route.attempts, 0),
    lastError: routes.find(([, route]) => route.lastError !== null)?.[1].lastError ?? null,
    routes: Object.fromEntries(
      routes.map(([name, route]) => [name, { status: route.status, attempts: route.attempts, lastError: route.lastError }]),
    ),
  };
};

/** The request's JSON object (`{}` when empty), or null when it is not one (or too large). @param {Request} request */
async function body(request) {
  let bytes;
  try {
    bytes = await readBodyLimited(request, MAX_REQUEST_BYTES);
  } catch {
    return null;
  }
  const text = new TextDecoder().decode(bytes);
  if (!text.trim()) return {};
  try {
    const value = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

/** `ids`, when given, must be at most MAX_IDS strings. @param {unknown} ids */
const validIds = (ids) => ids === undefined || (Array.isArray(ids) && ids.length <= MAX_IDS && ids.every((id) => typeof id === "string"));
const optionalString = (/** @type {unknown} */ value) => value === undefined || typeof value === "string";

/** The ids of a request that no event has (none when it names no ids). @param {DurableEnv} env @param {{ ids?: string[], provider?: string }} given */
async function unknownIds(env, { ids, provider }) {
  if (!ids) return [];
  const { records } = await findEverywhere(env.DEDUP, { ids, provider });
  const known = new Set(records.map((record) => record.id));
  return ids.filter((id) => !known.has(id));
}

/**
 * Sends each event to each of its routes again (from the archive, by key: small messages in few batches).
 * @param {DurableEnv} env @param {(EventRecord & { route: string })[]} pairs @param {Kind} kind
 */
const send = (env, pairs, kind) =>
  enqueue(
    env.DELIVERIES,
    pairs.map((pair) => deliveryMessage(pair, pair.route, null, kind)),
  );

/** Groups pairs by the shard holding their key. @param {DurableEnv} env @param {Pair[]} pairs */
function byShard(env, pairs) {
  /** @type {Map<number, { stub: ReturnType<typeof shardOf>, pairs: Pair[] }>} */
  const groups = new Map();
  for (const pair of pairs) {
    const shard = shardNumber(pair.key);
    if (!groups.has(shard)) groups.set(shard, { stub: shardOf(env.DEDUP, pair.key), pairs: [] });
    groups.get(shard)?.pairs.push({ key: pair.key, route: pair.route });
  }
  return [...groups.values()];
}

/** @param {DurableEnv} env @param {{ ids?: string[], provider?: string, route?: string }} given */
async function redrive(env, given) {
  await settleKeptDeadLetters(env);
  // Claimed in each shard before anything is sent: a second redrive finds them queued, not dead.
  const filter = { ids: given.ids, provider: given.provider, route: given.route };
  const claimed = (await Promise.all(everyShard(env.DEDUP).map((stub) => stub.claimDead(filter)))).flat();
  try {
    await send(env, claimed, "redrive");
  } catch (error) {
    await Promise.allSettled(byShard(env, claimed).map(({ stub, pairs }) => stub.unclaim(pairs)));
    throw error;
  }
  return claimed.length;
}

/** The cursor after `record`, opaque to the caller. @param {EventRecord} record */
const cursorAfter = (record) => JSON.stringify([record.acceptedAt, record.key]);

/** A cursor back into `[acceptedAt, key]`, or null when it is not one. @param {unknown} cursor @returns {[number, string] | null} */
function readCursor(cursor) {
  try {
    const value = JSON.parse(String(cursor));
    return Array.isArray(value) && value.length === 2 && Number.isFinite(value[0]) && typeof value[1] === "string"
      ? [value[0], value[1]]
      : null;
  } catch {
    return null;
  }
}

const REPLAY_EXPECTED = `{"ids":["…"]} (at most ${MAX_IDS}) or {"from":"<ISO 8601>","to":"<ISO 8601>","limit":1-${MAX_LIMIT},"cursor":"…"}, with "provider" and "route" optional`;

/** @param {DurableEnv} env @param {Record<string, unknown>} given */
async function replay(env, given) {
  const from = given.from === undefined ? undefined : Date.parse(String(given.from));
  const to = given.to === undefined ? undefined : Date.parse(String(given.to));
  const byTime = from !== undefined && to !== undefined && !Number.isNaN(from) && !Number.isNaN(to) && from <= to;
  const limit = given.limit === undefined ? DEFAULT_LIMIT : given.limit;
  const after = given.cursor === undefined ? undefined : readCursor(given.cursor);
  const valid =
    validIds(given.ids) &&
    (given.ids === undefined) === byTime &&
    optionalString(given.provider) &&
    optionalString(given.route) &&
    typeof limit === "number" &&
    Number.isInteger(limit) &&
    limit >= 1 &&
    limit <= MAX_LIMIT &&
    after !== null;
  if (!valid) return invalid(REPLAY_EXPECTED);
  const { ids, provider, route } = /** @type {{ ids?: string[], provider?: string, route?: string }} */ (given);
  const unknown = await unknownIds(env, { ids, provider });
  if (unknown.length > 0) return json(404, { error: "unknown_event", ids: unknown });
  const { records, more } = await findEverywhere(
    env.DEDUP,
    byTime ? { from, to, provider, after: after ?? undefined, limit } : { ids, provider },
  );
  const pairs = records.flatMap((record) =>
    Object.keys(record.routes)
      .filter((name) => !route || name === route)
      .map((name) => ({ ...record, route: name })),
  );
  await Promise.all(byShard(env, pairs).map(({ stub, pairs: own }) => stub.requeued(own)));
  await send(env, pairs, "replay");
  const last = records.at(-1);
  return json(200, { replayed: pairs.length, next: byTime && more && last ? cursorAfter(last) : null });
}

/**
 * Answers `/admin/…`, or null when the path is not an admin one.
 * @param {Request} request @param {URL} url @param {DurableEnv} env @param {string | null} token
 * @returns {Promise<Response | null>}
 */
export async function admin(request, url, env, token) {
  if (!url.pathname.startsWith("/admin/")) return null;
  if (!token) return json(404, { error: "not_found" });
  if (!(await authorized(request, token))) return json(401, { error: "unauthorized" });
  const route = `${request.method} ${url.pathname.replace(/\/+$/, "")}`;

  const event = /^GET \/admin\/events\/(.+)$/.exec(route);
  if (event) {
    let id;
    try {
      id = decodeURIComponent(event[1]);
    } catch {
      return invalid("an event id, percent-encoded as encodeURIComponent writes it");
    }
    const provider = url.searchParams.get("provider");
    const record = provider
      ? await shardOf(env.DEDUP, eventKey(provider, id)).get(eventKey(provider, id))
      : ((await findEverywhere(env.DEDUP, { ids: [id] })).records.at(-1) ?? null);
    return record ? json(200, described(record)) : json(404, { error: "unknown_event" });
  }
  if (route === "GET /admin/dead-letters") {
    await settleKeptDeadLetters(env);
    const { records } = await findEverywhere(env.DEDUP, { status: "dead" });
    const items = records.flatMap((record) =>
      Object.entries(record.routes)
        .filter(([, delivery]) => delivery.status === "dead")
        .map(([name, delivery]) => ({
          ...described(record),
          route: name,
          status: "dead",
          attempts: delivery.attempts,
          lastError: delivery.lastError,
          failedAt: new Date(delivery.failedAt ?? 0).toISOString(),
        })),
    );
    return json(200, { items });
  }
  if (route === "POST /admin/dead-letters/redrive") {
    const given = await body(request);
    if (!given || !validIds(given.ids) || !optionalString(given.provider) || !optionalString(given.route)) {
      return invalid(`{"ids":["…"]} (at most ${MAX_IDS}) or {}, with "provider" and "route" optional`);
    }
    const unknown = await unknownIds(env, given);
    if (unknown.length > 0) return json(404, { error: "unknown_event", ids: unknown });
    return json(200, { redriven: await redrive(env, given) });
  }
  if (route === "POST /admin/replay") {
    const given = await body(request);
    return given ? replay(env, given) : invalid(REPLAY_EXPECTED);
  }
  return json(404, { error: "not_found" });
}
