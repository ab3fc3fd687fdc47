// @ts-check
// The hookgate gateway: a Cloudflare Worker in front of an origin. POST /webhooks/<provider>[/<name>] is
// verified and normalized by the wasm core in one call; anything that does not verify is answered with a
// clear 4xx and never goes further. What verifies is forwarded to ORIGIN_URL, signed again (synchronous
// mode, the default), or archived, deduplicated and enqueued for the queue consumer below to deliver
// (durable mode, `DELIVERY = "queue"`). The sender never gets a 2xx for an event that was not taken.
import { DEFAULT_MAX_BODY_BYTES, errorResponse, HookgateError, readBodyLimited, verifyForward } from "hookgate";
import { configuredEndpoints, endpointOptions, endpointUrl, readConfig } from "./config.js";
import { accept } from "./durable/accept.js";
import { admin } from "./durable/admin.js";
import { consume } from "./durable/consume.js";
import { countRejected } from "./durable/counters.js";
import { forwardToRoutes } from "./forward.js";
import { unsignedHandshake, verifiedHandshake } from "./handshakes.js";
import { log } from "./log.js";
import { routeMatches } from "./routes.js";

export { Dedup } from "./durable/dedup.js";

/**
 * @typedef {import("./config.js").Config} Config
 * @typedef {import("./durable/accept.js").DurableEnv} DurableEnv
 * @typedef {Record<string, unknown> & Partial<DurableEnv>} Env
 */

const WEBHOOK_PATH = /^\/webhooks\/([a-z0-9-]+)(?:\/([a-z0-9-]{1,40}))?\/?$/;

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
          ...(Object.keys(config.reasons).length > 0 ? { reasons: config.reasons } : {}),
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
    // Durable mode counts why a served provider's deliveries were refused (the console's figures), after
    // the answer: the sender never waits for a count.
    if (status >= 400 && config.ok && config.mode === "queue" && config.providers.has(provider)) {
      const code = String(fields.code ?? fields.outcome);
      ctx.waitUntil(countRejected(/** @type {DurableEnv} */ (env).DEDUP, provider, code));
    }
    return json(status, body, fields.allow ? { allow: String(fields.allow) } : {});
  };
  // Misconfigured (a declared provider may be what is wrong): 503 for every path, never a 404.
  if (!config.ok) return done(503, { error: "gateway_misconfigured" }, { outcome: "rejected", code: "gateway_misconfigured" });
  const served = config.providers.get(provider);
  if (!served) return done(404, { error: "unknown_provider" }, { outcome: "rejected", code: "unknown_provider" });
  if (request.method !== "POST")
    return done(405, { error: "method_not_allowed" }, { outcome: "rejected", code: "method_not_allowed", allow: "POST" });

  const options = endpointOptions(config, provider, name);
  let event;
  /** @type {{ headers: Headers, body: Uint8Array, url: string }} */
  let delivery;
  try {
    const body = await readBodyLimited(request, config.maxBodyBytes, provider);
    const unsigned = unsignedHandshake(served.handshake, provider, request.headers, body);
    if (unsigned) {
      log({ provider, endpoint: name, status: unsigned.response.status, ms: Date.now() - started, outcome: unsigned.outcome });
      return unsigned.response;
    }
    // Signed here when every route shares one key (one crossing); in durable mode at each attempt instead.
    const forwardSecret = config.mode === "sync" ? (config.sharedForwardSecret ?? undefined) : undefined;
    delivery = { headers: request.headers, body, url: endpointUrl(config, provider, name, request.url) };
    event = verifyForward(served.provider, delivery, { ...options, forwardSecret });
    // An origin verifying with the package's defaults must take every event forwarded to it.
    if (event.body.byteLength > DEFAULT_MAX_BODY_BYTES) {
      const limit = `the event would be larger than the ${DEFAULT_MAX_BODY_BYTES} bytes an origin takes by default`;
      throw new HookgateError("payload_too_large", limit, provider);
    }
  } catch (error) {
    if (!(error instanceof HookgateError)) throw error;
    if (error.code === "missing_secret") warnUnconfigured(provider, name);
    const { status, body } = errorResponse(error);
    return done(status, body, { outcome: "rejected", code: error.code });
  }
  const head = { eventId: event.id, type: event.type };
  // The one configured secret the delivery verifies with alone (rare: only Zoom's handshake asks).
  const secretThatVerified = () =>
    options.secret.find((secret) => {
      try {
        verifyForward(served.provider, delivery, { ...options, secret: [secret], token: [] });
        return true;
      } catch {
        return false;
      }
    }) ?? null;
  // Most providers have no handshake: no promise to wait for on their path.
  const handshake = served.handshake && (await verifiedHandshake(served.handshake, event, secretThatVerified));
  if (handshake) {
    log({ provider, endpoint: name, status: handshake.status, ms: Date.now() - started, outcome: "handshake", ...head });
    return handshake;
  }

  const routes = [...config.routes.values()].filter((route) => routeMatches(route, event));
  const names = routes.map((route) => route.name);
  // With ROUTES set, answers name the routes; a single-origin setup answers as it always has.
  const named = config.routed ? { routes: names } : {};
  if (routes.length === 0) return done(200, { ok: true, id: event.id, routes: [] }, { outcome: "unrouted", ...head, routes: {} });

  if (config.mode === "queue") {
    const durable = /** @type {import("./config.js").Durable} */ (config.durable);
    const outcome = await accept(/** @type {DurableEnv} */ (env), durable, event, names);
    const fields = { outcome, ...head, routes: Object.fromEntries(names.map((route) => [route, outcome])) };
    if (outcome === "queued") return done(200, { ok: true, id: event.id, queued: true, ...named }, fields);
    if (outcome === "duplicate") return done(200, { ok: true, id: event.id, duplicate: true, ...named }, fields);
    return done(503, { error: "queue_unavailable" }, { ...fields, outcome: "queue_unavailable" });
  }

  const forwarded = await forwardToRoutes(routes, event);
  const outcomes = Object.fromEntries(Object.entries(forwarded).map(([route, { outcome }]) => [route, outcome]));
  // The log line names each route's outcome and origin status (a single-origin setup: as it always has).
  const statuses = config.routed
    ? { originStatuses: Object.fromEntries(Object.entries(forwarded).map(([route, { status }]) => [route, status])) }
    : { originStatus: forwarded.default.status };
  const fields = { ...head, routes: outcomes, ...statuses };
  const failed = Object.values(outcomes).filter((outcome) => outcome !== "forwarded");
  if (failed.length === 0) return done(200, { ok: true, id: event.id, ...named }, { outcome: "forwarded", ...fields });
  const status = failed.every((outcome) => outcome === "origin_timeout") ? 504 : 502;
  if (!config.routed) return done(status, { error: failed[0] }, { outcome: failed[0], ...fields });
  return done(status, { error: "origin_failed", routes: outcomes }, { outcome: "origin_failed", ...fields });
}

export default {
  /** @param {Request} request @param {Env} env @param {ExecutionContext} ctx */
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    const config = configOf(env);
    if (url.pathname === "/healthz") {
      if (request.method !== "GET") return json(405, { error: "method_not_allowed" }, { allow: "GET" });
      if (!config.ok) return json(503, { ok: false, error: "gateway_misconfigured", variables: config.wrong });
      return json(200, { ok: true, mode: config.mode, providers: configuredEndpoints(config), routes: [...config.routes.keys()] });
    }
    const match = WEBHOOK_PATH.exec(url.pathname);
    if (match) return webhook(request, env, ctx, config, match[1], match[2] ?? null);
    if (config.ok && config.mode === "queue") {
      const settings = { token: config.adminToken, routes: config.routes.keys() };
      const answered = await admin(request, url, /** @type {DurableEnv} */ (env), settings);
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
