// @ts-check
// The admin endpoints of durable mode: an event's status, the dead letters, redrive and replay. They
// exist only when ADMIN_TOKEN is set (404 otherwise) and answer only `Authorization: Bearer <ADMIN_TOKEN>`
// (401 otherwise), compared in constant time. Redrive and replay always go to the configured origin,
// never to a URL given in a request, and a replayed event keeps its id so the origin can tell.
import { fromArchive } from "./archive.js";
import { eventKey, findEverywhere, shardOf } from "./ledger.js";
import { deliveryMessage, V8 } from "./messages.js";

/**
 * @typedef {import("./accept.js").DurableEnv} DurableEnv
 * @typedef {import("./dedup.js").EventRecord} EventRecord
 * @typedef {import("./messages.js").Kind} Kind
 */

const json = (/** @type {number} */ status, /** @type {unknown} */ body) => Response.json(body, { status });
const encoder = new TextEncoder();

/** Whether `request` carries `Bearer <token>`: both sides hashed, then compared in constant time. @param {Request} request @param {string} token */
async function authorized(request, token) {
  const presented = /^Bearer\s+(.+)$/i.exec(request.headers.get("authorization") ?? "")?.[1]?.trim() ?? "";
  const [a, b] = await Promise.all([presented, token].map((text) => crypto.subtle.digest("SHA-256", encoder.encode(text))));
  return crypto.subtle.timingSafeEqual(a, b);
}

/** What an admin answer says of an event: no secret, no body. @param {EventRecord} record */
const described = (record) => ({
  id: record.id,
  provider: record.provider,
  type: record.type,
  status: record.status,
  attempts: record.attempts,
  lastError: record.lastError,
});

/** The request's JSON object (`{}` when empty), or null when it is not one. @param {Request} request */
async function body(request) {
  const text = await request.text();
  if (!text.trim()) return {};
  try {
    const value = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

/** `ids`, when given, must be an array of strings. @param {unknown} ids */
const validIds = (ids) => ids === undefined || (Array.isArray(ids) && ids.every((id) => typeof id === "string"));

/** The ids of a request that no event has (none when it names no ids). @param {DurableEnv} env @param {{ ids?: string[], provider?: string }} given */
async function unknownIds(env, { ids, provider }) {
  if (!ids) return [];
  const known = new Set((await findEverywhere(env.DEDUP, { ids, provider })).map((record) => record.id));
  return ids.filter((id) => !known.has(id));
}

/**
 * Enqueues each record's event again (from the archive) and marks it queued. Returns how many went.
 * @param {DurableEnv} env @param {EventRecord[]} records @param {Kind} kind
 */
async function requeue(env, records, kind) {
  let sent = 0;
  for (const record of records) {
    const archived = await fromArchive(env.ARCHIVE, record.archiveKey);
    if (!archived) continue; // past ARCHIVE_DAYS: nothing left to send
    await env.DELIVERIES.send(deliveryMessage(record, archived, kind), V8);
    await shardOf(env.DEDUP, record.key).requeued([record.key]);
    sent++;
  }
  return sent;
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
    const id = decodeURIComponent(event[1]);
    const provider = url.searchParams.get("provider");
    const record = provider
      ? await shardOf(env.DEDUP, eventKey(provider, id)).get(eventKey(provider, id))
      : ((await findEverywhere(env.DEDUP, { ids: [id] })).at(-1) ?? null);
    return record ? json(200, described(record)) : json(404, { error: "unknown_event" });
  }
  if (route === "GET /admin/dead-letters") {
    const dead = await findEverywhere(env.DEDUP, { status: "dead" });
    return json(200, { items: dead.map((record) => ({ ...described(record), failedAt: new Date(record.failedAt ?? 0).toISOString() })) });
  }
  if (route === "POST /admin/dead-letters/redrive") {
    const given = await body(request);
    if (!given || !validIds(given.ids)) return json(400, { error: "invalid_request", expected: '{"ids":["…"]} or {}' });
    const unknown = await unknownIds(env, given);
    if (unknown.length > 0) return json(404, { error: "unknown_event", ids: unknown });
    const dead = await findEverywhere(env.DEDUP, { status: "dead", ids: given.ids, provider: given.provider });
    return json(200, { redriven: await requeue(env, dead, "redrive") });
  }
  if (route === "POST /admin/replay") {
    const given = await body(request);
    const from = given?.from === undefined ? undefined : Date.parse(given.from);
    const to = given?.to === undefined ? undefined : Date.parse(given.to);
    const byTime = from !== undefined && to !== undefined && !Number.isNaN(from) && !Number.isNaN(to) && from <= to;
    if (!given || !validIds(given.ids) || (given.ids === undefined) === !byTime) {
      return json(400, {
        error: "invalid_request",
        expected: '{"ids":["…"]} or {"from":"<ISO 8601>","to":"<ISO 8601>"}, with "provider" optional',
      });
    }
    const unknown = await unknownIds(env, given);
    if (unknown.length > 0) return json(404, { error: "unknown_event", ids: unknown });
    const records = await findEverywhere(
      env.DEDUP,
      byTime ? { from, to, provider: given.provider } : { ids: given.ids, provider: given.provider },
    );
    return json(200, { replayed: await requeue(env, records, "replay") });
  }
  return json(404, { error: "not_found" });
}
