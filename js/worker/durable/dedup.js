// @ts-check
// The Dedup Durable Object: durable mode's ledger, one of SHARDS (see ledger.js). It holds the
// deduplication keys, each accepted event's record, and one delivery per event and route (status,
// attempts, last error). Every check-and-change runs in one storage transaction, and this object is the
// only place its keys live (KV is eventually consistent and has no compare-and-set). SQLite binds at
// most 100 parameters per statement: lists of keys travel as one JSON parameter (`json_each`).
import { DurableObject } from "cloudflare:workers";

/**
 * @typedef {"queued" | "delivered" | "dead"} Status
 * @typedef {{ status: Status, attempts: number, lastError: string | null, lastStatus: number | null,
 *   lastAttemptAt: number | null, failedAt: number | null }} RouteDelivery
 * @typedef {{ key: string, id: string, provider: string, type: string, subject: string | null, test: boolean,
 *   acceptedAt: number, archiveKey: string, headers: Record<string, string>, routes: Record<string, RouteDelivery> }} EventRecord
 * @typedef {EventRecord & { recordExpiresAt: number }} NewRecord
 * @typedef {{ key: string, route: string }} Pair
 * @typedef {{ at: number, status: number | null, error: string | null, ms: number }} Attempt
 * @typedef {{ status?: Status, route?: string, ids?: string[], keys?: string[], provider?: string, from?: number, to?: number,
 *   after?: [number, string], before?: [number, string], newestFirst?: boolean, type?: string, idOrSubject?: string,
 *   limit?: number }} Filter
 * @typedef {"provider" | "route"} CounterKind
 */

/** How long a reservation may stay pending (a delivery being archived and enqueued) before it is abandoned. */
export const LEASE_MS = 30_000;
/** How long a duplicate waits for a pending reservation to end before answering busy (the sender retries). */
export const WAIT_MS = 10_000;
/** The attempts kept per event and route: the latest ones (a delivery retried for hours has many). */
export const KEPT_ATTEMPTS = 20;
/** Counters are per hour, kept this many hours (the console asks for at most a week). */
export const HOUR_MS = 3_600_000;
export const COUNTER_HOURS = 8 * 24;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS keys (key TEXT PRIMARY KEY, state TEXT NOT NULL, expires_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS events (
  key TEXT PRIMARY KEY, id TEXT NOT NULL, provider TEXT NOT NULL, type TEXT NOT NULL, subject TEXT,
  test INTEGER NOT NULL, accepted_at INTEGER NOT NULL, archive_key TEXT NOT NULL, headers TEXT NOT NULL,
  expires_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS deliveries (
  key TEXT NOT NULL, route TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL, last_error TEXT,
  last_status INTEGER, last_attempt_at INTEGER, failed_at INTEGER, PRIMARY KEY (key, route));
CREATE INDEX IF NOT EXISTS events_by_time ON events (accepted_at, key);
CREATE INDEX IF NOT EXISTS deliveries_by_status ON deliveries (status, route);
CREATE TABLE IF NOT EXISTS attempts (
  key TEXT NOT NULL, route TEXT NOT NULL, at INTEGER NOT NULL, status INTEGER, error TEXT, ms INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS attempts_by_delivery ON attempts (key, route, at);
CREATE TABLE IF NOT EXISTS counters (
  hour INTEGER NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL, outcome TEXT NOT NULL, n INTEGER NOT NULL,
  PRIMARY KEY (hour, kind, name, outcome));`;

/** The pairs of a JSON list parameter, as SQL. */
const PAIRS = "SELECT json_extract(value, '$.key') AS key, json_extract(value, '$.route') AS route FROM json_each(?)";

export class Dedup extends DurableObject {
  /** @param {DurableObjectState} ctx @param {unknown} env */
  constructor(ctx, env) {
    super(ctx, /** @type {any} */ (env));
    this.sql = ctx.storage.sql;
    this.sql.exec(SCHEMA);
    /** Reservations made by this instance, settled when they are confirmed or released. @type {Map<string, { settle: () => void, settled: Promise<void> }>} */
    this.pending = new Map();
    /** The hour whose old counters were last removed. */
    this.prunedHour = -1;
  }

  /**
   * Reserves `key` for one delivery: `"reserved"` (this caller archives and enqueues it), `"duplicate"`
   * (already taken within the window, or, for an event key, an event with this key is on record: a
   * record is never written over), or `"busy"` (a reservation this instance did not make is still
   * pending: the caller answers 503 and the sender retries). While another caller's reservation is
   * pending, waits for how it ends (at most WAIT_MS, then busy): taken makes this a duplicate; released
   * (its enqueue failed) lets this caller take it. With `record` (the event key), the event's record and
   * its deliveries are written in the same transaction, so they exist before the event reaches a consumer.
   * A duplicate is counted for `provider` (the console's health figures), in the same transaction.
   * @param {string} key @param {NewRecord | null} [record] @param {string | null} [provider]
   * @returns {Promise<"reserved" | "duplicate" | "busy">}
   */
  async reserve(key, record = null, provider = null) {
    for (;;) {
      const now = Date.now();
      const verdict = this.ctx.storage.transactionSync(() => {
        const [row] = this.sql.exec("SELECT state, expires_at FROM keys WHERE key = ?", key).toArray();
        const duplicate = () => {
          if (provider) this.count("provider", provider, "duplicate", now);
          return "duplicate";
        };
        if (row && Number(row.expires_at) > now) return row.state === "taken" ? duplicate() : "pending";
        if (record && this.sql.exec("SELECT 1 FROM events WHERE key = ? AND expires_at > ?", key, now).toArray().length) {
          return duplicate();
        }
        this.sql.exec("INSERT OR REPLACE INTO keys (key, state, expires_at) VALUES (?, 'pending', ?)", key, now + LEASE_MS);
        if (record) this.write(record);
        return "reserved";
      });
      if (verdict === "reserved") {
        let settle = () => {};
        const settled = new Promise((resolve) => {
          settle = () => resolve(undefined);
        });
        this.pending.set(key, { settle, settled });
        // Removes the reservation if it is never confirmed or released (its Worker went away).
        await this.scheduleCleanup(now + LEASE_MS);
        return "reserved";
      }
      if (verdict === "duplicate") return "duplicate";
      const holder = this.pending.get(key);
      if (!holder) return "busy";
      let timer = 0;
      const waited = await Promise.race([
        holder.settled.then(() => "settled"),
        new Promise((resolve) => {
          timer = setTimeout(() => resolve("waited"), WAIT_MS);
        }),
      ]);
      clearTimeout(timer);
      if (waited === "waited") return "busy";
    }
  }

  /** An event's record and one queued delivery per route; replaces an expired one. @param {NewRecord} record */
  write(record) {
    this.sql.exec("DELETE FROM deliveries WHERE key = ?", record.key);
    this.sql.exec("DELETE FROM attempts WHERE key = ?", record.key);
    this.sql.exec(
      `INSERT OR REPLACE INTO events (key, id, provider, type, subject, test, accepted_at, archive_key, headers, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      record.key,
      record.id,
      record.provider,
      record.type,
      record.subject,
      record.test ? 1 : 0,
      record.acceptedAt,
      record.archiveKey,
      JSON.stringify(record.headers),
      record.recordExpiresAt,
    );
    for (const route of Object.keys(record.routes)) {
      this.sql.exec("INSERT INTO deliveries (key, route, status, attempts) VALUES (?, ?, 'queued', 0)", record.key, route);
    }
  }

  /**
   * The delivery holding `key` was enqueued: the key is taken until `expiresAt`; with `provider` (the
   * event key's confirmation), an accepted delivery is counted.
   * @param {string} key @param {number} expiresAt @param {string | null} [provider]
   */
  async confirm(key, expiresAt, provider = null) {
    this.sql.exec("UPDATE keys SET state = 'taken', expires_at = ? WHERE key = ?", expiresAt, key);
    if (provider) this.count("provider", provider, "accepted", Date.now());
    this.settle(key);
    const [record] = this.sql.exec("SELECT expires_at FROM events WHERE key = ?", key).toArray();
    await this.scheduleCleanup(Math.min(expiresAt, record ? Number(record.expires_at) : expiresAt));
  }

  /** The delivery holding `key` could not be archived or enqueued: the key is free again, its record gone. @param {string} key */
  async release(key) {
    this.ctx.storage.transactionSync(() => {
      this.sql.exec("DELETE FROM keys WHERE key = ? AND state = 'pending'", key);
      // The record is this reservation's (a record on file makes every other reservation a duplicate),
      // unless a consumer already attempted it: then the event was enqueued after all and stays.
      if (this.sql.exec("SELECT 1 FROM deliveries WHERE key = ? AND attempts > 0", key).toArray().length) return;
      this.sql.exec("DELETE FROM deliveries WHERE key = ?", key);
      this.sql.exec("DELETE FROM events WHERE key = ?", key);
    });
    this.settle(key);
  }

  /** @param {string} key */
  settle(key) {
    this.pending.get(key)?.settle();
    this.pending.delete(key);
  }

  /**
   * One delivery attempt to one route: counted, with how it went (`lastError` cleared once delivered), kept
   * in its history (the latest KEPT_ATTEMPTS), and counted for the route's hour (delivered, or retrying:
   * a failed attempt). A message only exists once its event was taken, so a reservation still pending
   * (its confirmation was lost) is taken now.
   * @param {string} key @param {string} route
   * @param {{ error: string | null, status: number | null, at: number, ms?: number }} outcome `error` null when the origin took it
   * @param {number} keyExpiresAt
   */
  async attempted(key, route, { error, status, at, ms = 0 }, keyExpiresAt) {
    this.sql.exec(
      `UPDATE deliveries SET attempts = attempts + 1, status = CASE WHEN ?1 IS NULL THEN 'delivered' ELSE status END,
         last_error = ?1, last_status = ?2, last_attempt_at = ?3 WHERE key = ?4 AND route = ?5`,
      error,
      status,
      at,
      key,
      route,
    );
    this.sql.exec("UPDATE keys SET state = 'taken', expires_at = ? WHERE key = ? AND state = 'pending'", keyExpiresAt, key);
    // Kept only beside a delivery on record: one whose event expired has no history to add to.
    this.sql.exec(
      `INSERT INTO attempts (key, route, at, status, error, ms)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE EXISTS (SELECT 1 FROM deliveries WHERE key = ?1 AND route = ?2)`,
      key,
      route,
      at,
      status,
      error,
      ms,
    );
    this.sql.exec(
      `DELETE FROM attempts WHERE key = ?1 AND route = ?2 AND rowid NOT IN
         (SELECT rowid FROM attempts WHERE key = ?1 AND route = ?2 ORDER BY at DESC, rowid DESC LIMIT ?3)`,
      key,
      route,
      KEPT_ATTEMPTS,
    );
    this.count("route", route, error === null ? "delivered" : "retrying", at);
  }

  /**
   * Retries are exhausted (or the route is gone): a dead letter, listed until redriven. The delivery row
   * is made if it is missing, so that no dead letter is ever dropped.
   * @param {string} key @param {string} route @param {number} at @param {string | null} [error]
   */
  async dead(key, route, at, error = null) {
    const [was] = this.sql.exec("SELECT status FROM deliveries WHERE key = ? AND route = ?", key, route).toArray();
    // Counted once per dead letter: a redelivered dead-letter message finds it dead already.
    if (was?.status !== "dead") this.count("route", route, "dead", at);
    this.sql.exec(
      `INSERT INTO deliveries (key, route, status, attempts, last_error, failed_at) VALUES (?1, ?2, 'dead', 0, ?3, ?4)
       ON CONFLICT (key, route) DO UPDATE SET status = 'dead', failed_at = ?4, last_error = COALESCE(?3, last_error)`,
      key,
      route,
      error,
      at,
    );
  }

  /**
   * Claims dead deliveries for a redrive: each is queued again here, in one transaction, before anything is
   * sent, so two redrives never send the same one. Returns the claimed pairs with their events.
   * @param {Filter} filter @returns {Promise<(EventRecord & { route: string })[]>}
   */
  async claimDead(filter) {
    return this.ctx.storage.transactionSync(() => {
      const dead = this.select({ ...filter, status: "dead" });
      const pairs = dead.flatMap((record) =>
        Object.entries(record.routes)
          .filter(([route, delivery]) => delivery.status === "dead" && (!filter.route || route === filter.route))
          .map(([route]) => ({ key: record.key, route })),
      );
      this.setStatus(pairs, "queued");
      return pairs.map(({ key, route }) => ({ .../** @type {EventRecord} */ (dead.find((r) => r.key === key)), route }));
    });
  }

  /** Sends that did not happen: back to dead. @param {Pair[]} pairs */
  async unclaim(pairs) {
    this.setStatus(pairs, "dead");
  }

  /** Replayed: queued again. @param {Pair[]} pairs */
  async requeued(pairs) {
    this.setStatus(pairs, "queued");
  }

  /** @param {Pair[]} pairs @param {Status} status */
  setStatus(pairs, status) {
    if (pairs.length === 0) return;
    this.sql.exec(
      `UPDATE deliveries SET status = ?, failed_at = CASE WHEN ? = 'dead' THEN failed_at ELSE NULL END
       WHERE (key, route) IN (${PAIRS})`,
      status,
      status,
      JSON.stringify(pairs),
    );
  }

  /** @param {string} key @returns {Promise<EventRecord | null>} */
  async get(key) {
    return this.select({ keys: [key] })[0] ?? null;
  }

  /** Each route's latest attempts of the event at `key`, oldest first. @param {string} key @returns {Promise<Record<string, Attempt[]>>} */
  async history(key) {
    /** @type {Record<string, Attempt[]>} */
    const routes = {};
    for (const row of this.sql.exec("SELECT * FROM attempts WHERE key = ? ORDER BY at, rowid", key)) {
      const attempt = {
        at: Number(row.at),
        status: row.status === null ? null : Number(row.status),
        error: row.error === null ? null : String(row.error),
        ms: Number(row.ms),
      };
      const route = String(row.route);
      routes[route] ??= [];
      routes[route].push(attempt);
    }
    return routes;
  }

  /**
   * Adds one to a counter of the hour of `at`: a provider's `accepted`, `duplicate` or `rejected:<code>`, a
   * route's `delivered`, `retrying` or `dead`. Counters older than COUNTER_HOURS are removed as the hour turns.
   * @param {CounterKind} kind @param {string} name @param {string} outcome @param {number} at
   */
  count(kind, name, outcome, at) {
    const hour = Math.floor(at / HOUR_MS);
    this.sql.exec(
      `INSERT INTO counters (hour, kind, name, outcome, n) VALUES (?, ?, ?, ?, 1)
       ON CONFLICT (hour, kind, name, outcome) DO UPDATE SET n = n + 1`,
      hour,
      kind,
      name,
      outcome,
    );
    if (hour !== this.prunedHour) {
      this.sql.exec("DELETE FROM counters WHERE hour <= ?", hour - COUNTER_HOURS);
      this.prunedHour = hour;
    }
  }

  /** A rejected delivery (the gateway spreads these over every shard at random). @param {string} provider @param {string} code */
  async rejected(provider, code) {
    this.count("provider", provider, `rejected:${code}`, Date.now());
  }

  /**
   * The counters of the hours from `sinceHour` on, summed per kind, name and outcome.
   * @param {number} sinceHour @returns {Promise<{ kind: CounterKind, name: string, outcome: string, n: number }[]>}
   */
  async counters(sinceHour) {
    return this.sql
      .exec("SELECT kind, name, outcome, SUM(n) AS n FROM counters WHERE hour >= ? GROUP BY kind, name, outcome", sinceHour)
      .toArray()
      .map((row) => ({
        kind: /** @type {CounterKind} */ (row.kind),
        name: String(row.name),
        outcome: String(row.outcome),
        n: Number(row.n),
      }));
  }

  /** The records that match every given condition, oldest first (by acceptance, then key) or newest first. @param {Filter} filter */
  async find(filter) {
    return this.select(filter);
  }

  /** @param {Filter} filter @returns {EventRecord[]} */
  select({ status, route, ids, keys, provider, from, to, after, before, newestFirst, type, idOrSubject, limit }) {
    /** @type {string[]} */
    const conditions = [];
    /** @type {SqlStorageValue[]} */
    const values = [];
    const where = (/** @type {string} */ sql, /** @type {SqlStorageValue[]} */ ...bound) => {
      conditions.push(sql);
      values.push(...bound);
    };
    if (provider) where("e.provider = ?", provider);
    if (from !== undefined) where("e.accepted_at >= ?", from);
    if (to !== undefined) where("e.accepted_at <= ?", to);
    if (after) where("(e.accepted_at, e.key) > (?, ?)", after[0], after[1]);
    if (before) where("(e.accepted_at, e.key) < (?, ?)", before[0], before[1]);
    if (type) where("e.type GLOB ?", typePattern(type));
    if (idOrSubject) where("(e.id = ? OR e.subject = ?)", idOrSubject, idOrSubject);
    if (ids) where("e.id IN (SELECT value FROM json_each(?))", JSON.stringify(ids));
    if (keys) where("e.key IN (SELECT value FROM json_each(?))", JSON.stringify(keys));
    if (status || route) {
      const match = [status ? "d.status = ?" : "", route ? "d.route = ?" : ""].filter(Boolean).join(" AND ");
      where(`EXISTS (SELECT 1 FROM deliveries d WHERE d.key = e.key AND ${match})`, ...[status, route].filter((v) => v !== undefined));
    }
    const clause = conditions.length ? `WHERE ${conditions.join(" AND ")}` : "";
    const order = newestFirst ? "e.accepted_at DESC, e.key DESC" : "e.accepted_at, e.key";
    const rows = this.sql
      .exec(`SELECT * FROM events e ${clause} ORDER BY ${order}${limit ? ` LIMIT ${Math.floor(limit)}` : ""}`, ...values)
      .toArray();
    if (rows.length === 0) return [];
    const deliveries = this.sql
      .exec("SELECT * FROM deliveries WHERE key IN (SELECT value FROM json_each(?))", JSON.stringify(rows.map((row) => row.key)))
      .toArray();
    return rows.map((row) => toRecord(row, deliveries));
  }

  /** Removes what has expired (keys past the window, reservations never confirmed, records past the archive), then waits for the next. */
  async alarm() {
    const now = Date.now();
    this.sql.exec("DELETE FROM keys WHERE expires_at <= ?", now);
    this.sql.exec("DELETE FROM deliveries WHERE key IN (SELECT key FROM events WHERE expires_at <= ?)", now);
    this.sql.exec("DELETE FROM attempts WHERE key IN (SELECT key FROM events WHERE expires_at <= ?)", now);
    this.sql.exec("DELETE FROM events WHERE expires_at <= ?", now);
    const [next] = this.sql
      .exec("SELECT MIN(at) AS at FROM (SELECT expires_at AS at FROM keys UNION ALL SELECT expires_at FROM events)")
      .toArray();
    if (next?.at !== null && next?.at !== undefined) await this.ctx.storage.setAlarm(Number(next.at));
  }

  /** An alarm no later than `at`. @param {number} at */
  async scheduleCleanup(at) {
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > at) await this.ctx.storage.setAlarm(at);
  }
}

/**
 * A type filter as a GLOB pattern (case-sensitive, as routes match types): with `*`, the whole type
 * matches it (`*` any run of characters); without, it is a prefix. GLOB's other wildcards are taken
 * literally.
 * @param {string} type
 */
export function typePattern(type) {
  const literal = (/** @type {string} */ text) => text.replace(/[?[]/g, (c) => `[${c}]`);
  return type.includes("*") ? type.split("*").map(literal).join("*") : `${literal(type)}*`;
}

/** @param {Record<string, SqlStorageValue>} row @param {Record<string, SqlStorageValue>[]} deliveries @returns {EventRecord} */
function toRecord(row, deliveries) {
  /** @type {Record<string, RouteDelivery>} */
  const routes = {};
  for (const d of deliveries) {
    if (d.key !== row.key) continue;
    routes[String(d.route)] = {
      status: /** @type {Status} */ (d.status),
      attempts: Number(d.attempts),
      lastError: d.last_error === null ? null : String(d.last_error),
      lastStatus: d.last_status === null ? null : Number(d.last_status),
      lastAttemptAt: d.last_attempt_at === null ? null : Number(d.last_attempt_at),
      failedAt: d.failed_at === null ? null : Number(d.failed_at),
    };
  }
  return {
    key: String(row.key),
    id: String(row.id),
    provider: String(row.provider),
    type: String(row.type),
    subject: row.subject === null ? null : String(row.subject),
    test: Number(row.test) === 1,
    acceptedAt: Number(row.accepted_at),
    archiveKey: String(row.archive_key),
    headers: JSON.parse(String(row.headers)),
    routes,
  };
}
