// @ts-check
// What the admin API does: redrive dead letters and replay events, always to the configured routes, never
// to a URL given in a request (a field they do not know is ignored). A replayed event keeps its id so the
// origin can tell. Every call is bounded: at most MAX_IDS ids, at most MAX_LIMIT events replayed per call.
import { cursorAfter, readCursor } from "./admin-events.js";
import { settleKeptDeadLetters } from "./dead-letters.js";
import { everyShard, findEverywhere, shardNumber, shardOf } from "./ledger.js";
import { deliveryMessage, enqueue } from "./messages.js";

/**
 * @typedef {import("./accept.js").DurableEnv} DurableEnv
 * @typedef {import("./dedup.js").EventRecord} EventRecord
 * @typedef {import("./dedup.js").Pair} Pair
 * @typedef {import("./messages.js").Kind} Kind
 * @typedef {{ status: number, body: unknown }} Answer
 */

/** The most ids one call may name. */
export const MAX_IDS = 1000;
/** How many events one replay by time sends at most (`limit`), and by default. */
export const MAX_LIMIT = 1000;
export const DEFAULT_LIMIT = 100;

/** `ids`, when given, must be at most MAX_IDS strings. @param {unknown} ids */
const validIds = (ids) => ids === undefined || (Array.isArray(ids) && ids.length <= MAX_IDS && ids.every((id) => typeof id === "string"));
const optionalString = (/** @type {unknown} */ value) => value === undefined || typeof value === "string";
const invalid = (/** @type {string} */ expected) => ({ status: 400, body: { error: "invalid_request", expected } });

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

const REDRIVE_EXPECTED = `{"ids":["…"]} (at most ${MAX_IDS}) or {}, with "provider" and "route" optional`;

/** `POST /admin/dead-letters/redrive`. @param {DurableEnv} env @param {Record<string, unknown> | null} given @returns {Promise<Answer>} */
export async function redrive(env, given) {
  if (!given || !validIds(given.ids) || !optionalString(given.provider) || !optionalString(given.route)) return invalid(REDRIVE_EXPECTED);
  const { ids, provider, route } = /** @type {{ ids?: string[], provider?: string, route?: string }} */ (given);
  const unknown = await unknownIds(env, { ids, provider });
  if (unknown.length > 0) return { status: 404, body: { error: "unknown_event", ids: unknown } };
  await settleKeptDeadLetters(env);
  // Claimed in each shard before anything is sent: a second redrive finds them queued, not dead.
  const claimed = (await Promise.all(everyShard(env.DEDUP).map((stub) => stub.claimDead({ ids, provider, route })))).flat();
  try {
    await send(env, claimed, "redrive");
  } catch (error) {
    await Promise.allSettled(byShard(env, claimed).map(({ stub, pairs }) => stub.unclaim(pairs)));
    throw error;
  }
  return { status: 200, body: { redriven: claimed.length } };
}

const REPLAY_EXPECTED = `{"ids":["…"]} (at most ${MAX_IDS}) or {"from":"<ISO 8601>","to":"<ISO 8601>","limit":1-${MAX_LIMIT},"cursor":"…"}, with "provider" and "route" optional`;

/** `POST /admin/replay`. @param {DurableEnv} env @param {Record<string, unknown> | null} given @returns {Promise<Answer>} */
export async function replay(env, given) {
  if (!given) return invalid(REPLAY_EXPECTED);
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
  if (unknown.length > 0) return { status: 404, body: { error: "unknown_event", ids: unknown } };
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
  return { status: 200, body: { replayed: pairs.length, next: byTime && more && last ? cursorAfter(last) : null } };
}
