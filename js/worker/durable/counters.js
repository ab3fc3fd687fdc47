// @ts-check
// The console's health figures: per hour, per provider (accepted, duplicate, rejected by error code) and
// per route (delivered, retrying, dead), kept in the Dedup shards. Accepted and duplicate deliveries are
// counted in the calls they make anyway, deliveries by the consumer's; a rejection makes one small call
// of its own, to a shard picked at random, so that no single object takes a write per delivery (a burst
// of forged deliveries spreads over every shard).
import { HOUR_MS } from "./dedup.js";
import { everyShard, SHARDS, shardAt } from "./ledger.js";

/**
 * @typedef {import("./ledger.js").DedupNamespace} DedupNamespace
 * @typedef {{ accepted: number, duplicate: number, rejected: Record<string, number> }} ProviderCounts
 * @typedef {{ delivered: number, retrying: number, dead: number }} RouteCounts
 */

/** The most hours one call sums (the shards keep a little more), and how many by default. */
export const MAX_HOURS = 168;
export const DEFAULT_HOURS = 24;

/**
 * Counts a rejected delivery; never throws (a count that cannot be written is not worth a sender's retry).
 * @param {DedupNamespace} namespace @param {string} provider @param {string} code
 */
export async function countRejected(namespace, provider, code) {
  try {
    await shardAt(namespace, Math.floor(Math.random() * SHARDS)).rejected(provider, code);
  } catch {
    // The health figures undercount; the log line of the delivery still says it was rejected.
  }
}

/**
 * Every shard's counters of the last `hours` hours (the current one included), summed. Routes named in
 * `routes` are listed even when nothing was counted for them.
 * @param {DedupNamespace} namespace @param {number} hours @param {Iterable<string>} routes @param {number} [now]
 */
export async function countersOf(namespace, hours, routes, now = Date.now()) {
  const sinceHour = Math.floor(now / HOUR_MS) - hours + 1;
  const rows = (await Promise.all(everyShard(namespace).map((stub) => stub.counters(sinceHour)))).flat();
  /** @type {Record<string, ProviderCounts>} */
  const providers = {};
  /** @type {Record<string, RouteCounts>} */
  const routeCounts = Object.fromEntries([...routes].map((name) => [name, { delivered: 0, retrying: 0, dead: 0 }]));
  for (const { kind, name, outcome, n } of rows) {
    if (kind === "provider") {
      providers[name] ??= { accepted: 0, duplicate: 0, rejected: {} };
      const counts = providers[name];
      if (outcome.startsWith("rejected:")) {
        const code = outcome.slice("rejected:".length);
        counts.rejected[code] = (counts.rejected[code] ?? 0) + n;
      } else if (outcome === "accepted" || outcome === "duplicate") counts[outcome] += n;
    } else {
      routeCounts[name] ??= { delivered: 0, retrying: 0, dead: 0 };
      const counts = routeCounts[name];
      if (outcome === "delivered" || outcome === "retrying" || outcome === "dead") counts[outcome] += n;
    }
  }
  return {
    from: new Date(sinceHour * HOUR_MS).toISOString(),
    to: new Date(now).toISOString(),
    providers,
    routes: routeCounts,
  };
}
