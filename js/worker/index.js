// @ts-check
// The hookgate gateway: a Cloudflare Worker in front of an origin. POST /webhooks/<provider>[/<name>] is
// verified and normalized by the wasm core in one call; anything that does not verify is answered with a
// clear 4xx and never goes further. What verifies is forwarded to ORIGIN_URL, signed again (synchronous
// mode, the default), or archived, deduplicated and enqueued for the queue consumer below to deliver
// (durable mode, `DELIVERY = "queue"`). The sender never gets a 2xx for an event that was not taken.
import { errorResponse, HookgateError, providers, readBodyLimited, verifyForward } from "hookgate";
import { configuredEndpoints, endpointOptions, endpointUrl, readConfig } from "./config.js";
import { accept } from "./durable/accept.js";
import { admin } from "./durable/admin.js";
import { consume } from "./durable/consume.js";
import { postToOrigin } from "./forward.js";
import { isWooCommercePing, slackChallenge } from "./handshakes.js";
import { log } from "./log.js";

export { Dedup } from "./durable/dedup.js";

/**
 * @typedef {import("./config.js").Config} Config
 * @typedef {import("./durable/accept.js").DurableEnv} DurableEnv
 * @typedef {Record<string, unknown> & Partial<DurableEnv>} Env
 */

const WEBHOOK_PATH = /^\/webhooks\/([a-z0-9-]+)(?:\/([a-z0-9-]{1,40}))?\/?$/;
const PROVIDER_IDS = new Set(providers().map((p) => p.id));

/** Endpoints already warned about missing secrets; bounded, since names come from request paths. */
const warnedUnconfigured = new Set();
const MAX_WARNED = 64;

/** The configuration, read once per isolate (the env object does not change while it lives). */
const configs = new WeakMap();
/** @param {Env} env @returns {ReturnType<typeof readConfig>} */
function configOf(env) {
  let config = configs.get(env);
  if (!config) {
    config = readConfig(env);
    configs.set(env, config);
    if (!config.ok) {
      console.error(
        JSON.stringify({
          error: "gateway_misconfigured",
          variables: config.wrong,
          hint: "every delivery is answered 503 until these are fixed",
        }),
      );
    }
  }
  return config;
}

const json = (/** @type {number} */ status, /** @type {unknown} */ body, headers = {}) => Response.json(body, { status, headers });

/** @param {string} provider @param {string | null} name */
function warnUnconfigured(provider, name) {
  const key = `${provider}/${name}`;
  if (warnedUnconfigured.has(key) || warnedUnconfigured.size >= MAX_WARNED) return;
  warnedUnconfigured.add(key);
  console.warn(JSON.stringify({ warning: "no secret configured: every delivery is rejected", provider, endpoint: name }));
}

// What the gateway answers when the origin does not take the event: statuses that make senders retry.
const ORIGIN_FAILURE = { origin_failed: 502, origin_unreachable: 502, origin_timeout: 504 };

/**
 * One webhook delivery.
 * @param {Request} request @param {Env} env @param {ExecutionContext} ctx @param {ReturnType<typeof readConfig>} config
 * @param {string} provider @param {string | null} name
 */
async function webhook(request, env, ctx, config, provider, name) {
  const started = Date.now();
  /** @param {number} status @param {unknown} body @param {Record<string, unknown>} fields */
  const done = (status, body, fields) => {
    log({ provider, endpoint: name, status, ms: Date.now() - started, ...fields });
    return json(status, body, fields.allow ? { allow: String(fields.allow) } : {});
  };
  if (!PROVIDER_IDS.has(/** @type {any} */ (provider)))
    return done(404, { error: "unknown_provider" }, { outcome: "rejected", code: "unknown_provider" });
  if (request.method !== "POST")
    return done(405, { error: "method_not_allowed" }, { outcome: "rejected", code: "method_not_allowed", allow: "POST" });
  if (!config.ok) return done(503, { error: "gateway_misconfigured" }, { outcome: "rejected", code: "gateway_misconfigured" });

  const typedProvider = /** @type {import("hookgate").ProviderId} */ (provider);
  let event;
  try {
    const options = endpointOptions(config, provider, name);
    const body = await readBodyLimited(request, config.maxBodyBytes, provider);
    if (isWooCommercePing(provider, request.headers, body)) return done(200, { ok: true, ping: true }, { outcome: "ping" });
    // In durable mode the event is signed for the origin at each delivery attempt, not here.
    const forwardSecret = config.mode === "sync" ? config.origin.forwardSecret : undefined;
    const url = endpointUrl(config, provider, name, request.url);
    event = verifyForward(typedProvider, { headers: request.headers, body, url }, { ...options, forwardSecret });
  } catch (error) {
    if (!(error instanceof HookgateError)) throw error;
    if (error.code === "missing_secret") warnUnconfigured(provider, name);
    const { status, body } = errorResponse(error);
    return done(status, body, { outcome: "rejected", code: error.code });
  }
  const head = { eventId: event.id, type: event.type };
  const challenge = slackChallenge(event);
  if (challenge !== null) return done(200, { challenge }, { outcome: "handshake", ...head });

  if (config.mode === "queue") {
    const durable = /** @type {import("./config.js").Durable} */ (config.durable);
    const outcome = await accept(/** @type {DurableEnv} */ (env), durable, event, (promise) => ctx.waitUntil(promise));
    if (outcome === "queued") return done(200, { ok: true, id: event.id, queued: true }, { outcome, ...head });
    if (outcome === "duplicate") return done(200, { ok: true, id: event.id, duplicate: true }, { outcome, ...head });
    return done(503, { error: "queue_unavailable" }, { outcome: "queue_unavailable", ...head });
  }

  const forwarded = await postToOrigin(config.origin, event.body, event.headers);
  const fields = { outcome: forwarded.outcome, ...head, originStatus: forwarded.status };
  if (forwarded.outcome === "forwarded") return done(200, { ok: true, id: event.id }, fields);
  return done(ORIGIN_FAILURE[forwarded.outcome], { error: forwarded.outcome }, fields);
}

export default {
  /** @param {Request} request @param {Env} env @param {ExecutionContext} ctx */
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    const config = configOf(env);
    if (url.pathname === "/healthz") {
      if (request.method !== "GET") return json(405, { error: "method_not_allowed" }, { allow: "GET" });
      if (!config.ok) return json(503, { ok: false, error: "gateway_misconfigured", variables: config.wrong });
      return json(200, { ok: true, mode: config.mode, providers: configuredEndpoints(config) });
    }
    const match = WEBHOOK_PATH.exec(url.pathname);
    if (match) return webhook(request, env, ctx, config, match[1], match[2] ?? null);
    if (config.ok && config.mode === "queue") {
      const answered = await admin(request, url, /** @type {DurableEnv} */ (env), config.adminToken);
      if (answered) return answered;
    }
    return json(404, { error: "not_found" });
  },

  /** Both queues of durable mode: deliveries, and their dead letters. @param {MessageBatch<any>} batch @param {Env} env */
  async queue(batch, env) {
    const config = configOf(env);
    // Misconfigured: every message waits (retried) until the settings are fixed; nothing is dropped.
    if (!config.ok || config.mode !== "queue") return batch.retryAll({ delaySeconds: 60 });
    await consume(batch, /** @type {DurableEnv} */ (env), config);
  },
};
