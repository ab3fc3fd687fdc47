// @ts-check
// The Dedup Durable Object: one shard of the gateway's ledger, in SQLite storage. It holds the
// deduplication keys (an event's id, and for deliveries whose credential signs no time a digest of
// their content) and the record of each accepted event (status, attempts, last error), both expired by
// alarms. Durable Objects are the lock here: a check-and-reserve runs in one storage transaction, and
// this object is the only place its keys live (KV is eventually consistent and has no compare-and-set).
import { DurableObject } from "cloudflare:workers";

/**
 * @typedef {"queued" | "delivered" | "dead"} Status
 * @typedef {{ key: string, id: string, provider: string, type: string, status: Status, attempts: number,
 *   lastError: string | null, acceptedAt: number, failedAt: number | null, archiveKey: string, headers: Record<string, string> }} EventRecord
 * @typedef {{ status?: Status, ids?: string[], provider?: string, from?: number, to?: number }} Filter
 */

/** How long a reservation may stay pending (a delivery being archived and enqueued) before it is abandoned. */
export const LEASE_MS = 30_000;
/** How long a duplicate waits for a pending reservation to end before answering busy (the sender retries). */
export const WAIT_MS = 10_000;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS keys (key TEXT PRIMARY KEY, state TEXT NOT NULL, expires_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS events (
  key TEXT PRIMARY KEY, id TEXT NOT NULL, provider TEXT NOT NULL, type TEXT NOT NULL, status TEXT NOT NULL,
  attempts INTEGER NOT NULL, last_error TEXT, accepted_at INTEGER NOT NULL, failed_at INTEGER,
  archive_key TEXT NOT NULL, headers TEXT NOT NULL, expires_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS events_by_status ON events (status, accepted_at);
CREATE INDEX IF NOT EXISTS events_by_time ON events (accepted_at);`;

/** @param {Record<string, SqlStorageValue>} row @returns {EventRecord} */
const toRecord = (row) => ({
  key: String(row.key),
  id: String(row.id),
  provider: String(row.provider),
  type: String(row.type),
  status: /** @type {Status} */ (row.status),
  attempts: Number(row.attempts),
  lastError: row.last_error === null ? null : String(row.last_error),
  acceptedAt: Number(row.accepted_at),
  failedAt: row.failed_at === null ? null : Number(row.failed_at),
  archiveKey: String(row.archive_key),
  headers: JSON.parse(String(row.headers)),
});

export class Dedup extends DurableObject {
  /** @param {DurableObjectState} ctx @param {unknown} env */
  constructor(ctx, env) {
    super(ctx, /** @type {any} */ (env));
    this.sql = ctx.storage.sql;
    this.sql.exec(SCHEMA);
    /** Reservations made by this instance, settled when they are confirmed or released. @type {Map<string, { settle: () => void, settled: Promise<void> }>} */
    this.pending = new Map();
  }

  /**
   * Reserves `key` for one delivery: `"reserved"` (this caller enqueues it), `"duplicate"` (already
   * taken within the window), or `"busy"` (a reservation this instance did not make is still pending:
   * the caller answers 503 and the sender retries). While another caller's reservation is pending, waits
   * for how it ends (at most WAIT_MS, then busy): taken makes this a duplicate; released (its enqueue
   * failed) lets this caller take it.
   * With `record` (the event-id key), the event's record is written in the same transaction, so it
   * exists before the event can reach the consumer; a release removes it again.
   * @param {string} key
   * @param {(EventRecord & { recordExpiresAt: number }) | null} [record]
   * @returns {Promise<"reserved" | "duplicate" | "busy">}
   */
  async reserve(key, record = null) {
    for (;;) {
      const now = Date.now();
      // The check and the reservation in one transaction.
      const verdict = this.ctx.storage.transactionSync(() => {
        const [row] = this.sql.exec("SELECT state, expires_at FROM keys WHERE key = ?", key).toArray();
        if (row && Number(row.expires_at) > now) return row.state === "taken" ? "duplicate" : "pending";
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

  /** The delivery holding `key` was enqueued: the key is taken until `expiresAt`. @param {string} key @param {number} expiresAt */
  async confirm(key, expiresAt) {
    this.sql.exec("UPDATE keys SET state = 'taken', expires_at = ? WHERE key = ?", expiresAt, key);
    this.settle(key);
    const [record] = this.sql.exec("SELECT expires_at FROM events WHERE key = ?", key).toArray();
    await this.scheduleCleanup(Math.min(expiresAt, record ? Number(record.expires_at) : expiresAt));
  }

  /** An event's first record: queued, no attempt yet. @param {EventRecord & { recordExpiresAt: number }} record */
  write(record) {
    this.sql.exec(
      `INSERT OR REPLACE INTO events (key, id, provider, type, status, attempts, last_error, accepted_at, failed_at, archive_key, headers, expires_at)
       VALUES (?, ?, ?, ?, 'queued', 0, NULL, ?, NULL, ?, ?, ?)`,
      record.key,
      record.id,
      record.provider,
      record.type,
      record.acceptedAt,
      record.archiveKey,
      JSON.stringify(record.headers),
      record.recordExpiresAt,
    );
  }

  /** The delivery holding `key` could not be enqueued: the key is free again, and its record gone. @param {string} key */
  async release(key) {
    this.ctx.storage.transactionSync(() => {
      const [row] = this.sql.exec("SELECT state FROM keys WHERE key = ?", key).toArray();
      if (row?.state !== "pending") return;
      this.sql.exec("DELETE FROM keys WHERE key = ?", key);
      this.sql.exec("DELETE FROM events WHERE key = ? AND attempts = 0 AND status = 'queued'", key);
    });
    this.settle(key);
  }

  /** @param {string} key */
  settle(key) {
    this.pending.get(key)?.settle();
    this.pending.delete(key);
  }

  /**
   * One delivery attempt: counted, and the record says how it went (`lastError` cleared once delivered).
   * @param {string} key @param {string | null} error null when the origin took it
   */
  async attempted(key, error) {
    this.sql.exec(
      "UPDATE events SET attempts = attempts + 1, status = CASE WHEN ? IS NULL THEN 'delivered' ELSE status END, last_error = ? WHERE key = ?",
      error,
      error,
      key,
    );
  }

  /** Retries are exhausted: the event is a dead letter, listed until redriven. @param {string} key @param {number} at */
  async dead(key, at) {
    this.sql.exec("UPDATE events SET status = 'dead', failed_at = ? WHERE key = ?", at, key);
  }

  /** Redriven or replayed: queued again. @param {string[]} keys */
  async requeued(keys) {
    for (const key of keys) this.sql.exec("UPDATE events SET status = 'queued', failed_at = NULL WHERE key = ?", key);
  }

  /** @param {string} key @returns {Promise<EventRecord | null>} */
  async get(key) {
    const [row] = this.sql.exec("SELECT * FROM events WHERE key = ?", key).toArray();
    return row ? toRecord(row) : null;
  }

  /** The records that match every given condition, oldest first. @param {Filter} filter @returns {Promise<EventRecord[]>} */
  async find({ status, ids, provider, from, to }) {
    /** @type {[string, SqlStorageValue[]][]} */
    const conditions = [];
    if (status) conditions.push(["status = ?", [status]]);
    if (provider) conditions.push(["provider = ?", [provider]]);
    if (from !== undefined) conditions.push(["accepted_at >= ?", [from]]);
    if (to !== undefined) conditions.push(["accepted_at <= ?", [to]]);
    if (ids) conditions.push([`id IN (${ids.map(() => "?").join(",")})`, ids]);
    const clause = conditions.length ? `WHERE ${conditions.map(([sql]) => sql).join(" AND ")}` : "";
    const values = conditions.flatMap(([, bound]) => bound);
    return this.sql
      .exec(`SELECT * FROM events ${clause} ORDER BY accepted_at`, ...values)
      .toArray()
      .map(toRecord);
  }

  /** Removes what has expired (keys past the window, records past the archive), then waits for the next. */
  async alarm() {
    const now = Date.now();
    this.sql.exec("DELETE FROM keys WHERE expires_at <= ? AND state = 'taken'", now);
    this.sql.exec("DELETE FROM events WHERE expires_at <= ?", now);
    const [next] = this.sql
      .exec("SELECT MIN(expires_at) AS at FROM (SELECT expires_at FROM keys WHERE state = 'taken' UNION ALL SELECT expires_at FROM events)")
      .toArray();
    if (next?.at !== null && next?.at !== undefined) await this.ctx.storage.setAlarm(Number(next.at));
  }

  /** An alarm no later than `at`. @param {number} at */
  async scheduleCleanup(at) {
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > at) await this.ctx.storage.setAlarm(at);
  }
}
