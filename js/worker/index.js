// @ts-check
// The hookgate gateway: a Cloudflare Worker in front of an origin. POST /webhooks/<provider>[/<name>]
// is verified and normalized by the wasm core, then forwarded to ORIGIN_URL, signed again; anything
// that does not verify is answered with a clear 4xx and never reaches the origin.
import { errorResponse, HookgateError, providers, readBodyLimited, verifyForward } from "hookgate";
import { configuredEndpoints, endpointOptions, readConfig } from "./config.js";
import { postToOrigin } from "./forward.js";

const WEBHOOK_PATH = /^\/webhooks\/([a-z0-9-]+)(?:\/([a-z0-9-]{1,40}))?\/?$/;
const PROVIDER_IDS = providers().map((p) => p.id);

/** Endpoints already warned about missing secrets; bounded, since names come from request paths. */
const warnedUnconfigured = new Set();
const MAX_WARNED = 64;

/** The configuration, read once per isolate (the env object does not change while it lives). */
const configs = new WeakMap();
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

const json = (status, body, headers = {}) => Response.json(body, { status, headers });

/** One structured line per delivery: never a secret or a body. */
function log(fields) {
  console.log(JSON.stringify({ at: new Date().toISOString(), ...fields }));
}

function warnUnconfigured(provider, name) {
  const key = `${provider}/${name}`;
  if (warnedUnconfigured.has(key) || warnedUnconfigured.size >= MAX_WARNED) return;
  warnedUnconfigured.add(key);
  console.warn(JSON.stringify({ warning: "no secret configured: every delivery is rejected", provider, endpoint: name }));
}

// What the gateway answers when the origin does not take the event: statuses that make senders retry.
const ORIGIN_FAILURE = { origin_failed: 502, origin_unreachable: 502, origin_timeout: 504 };

export default {
  /** @param {Request} request @param {Record<string, unknown>} env */
  async fetch(request, env) {
    const started = Date.now();
    const { pathname } = new URL(request.url);
    const config = configOf(env);
    if (pathname === "/healthz") {
      if (request.method !== "GET") return json(405, { error: "method_not_allowed" }, { allow: "GET" });
      if (!config.ok) return json(503, { ok: false, error: "gateway_misconfigured", variables: config.wrong });
      return json(200, { ok: true, providers: configuredEndpoints(config) });
    }
    const match = WEBHOOK_PATH.exec(pathname);
    if (!match) return json(404, { error: "not_found" });
    const [, provider, name = null] = match;
    const done = (status, body, fields) => {
      log({ provider, endpoint: name, status, ms: Date.now() - started, ...fields });
      return json(status, body, fields.allow ? { allow: fields.allow } : {});
    };
    if (!PROVIDER_IDS.includes(provider))
      return done(404, { error: "unknown_provider" }, { outcome: "rejected", code: "unknown_provider" });
    if (request.method !== "POST")
      return done(405, { error: "method_not_allowed" }, { outcome: "rejected", code: "method_not_allowed", allow: "POST" });
    if (!config.ok) return done(503, { error: "gateway_misconfigured" }, { outcome: "rejected", code: "gateway_misconfigured" });

    let event;
    try {
      const options = { ...endpointOptions(config, provider, name), forwardSecret: config.origin.forwardSecret };
      const body = await readBodyLimited(request, config.maxBodyBytes, provider);
      event = verifyForward(provider, { headers: request.headers, body, url: request.url }, options);
    } catch (error) {
      if (!(error instanceof HookgateError)) throw error;
      if (error.code === "missing_secret") warnUnconfigured(provider, name);
      const { status, body } = errorResponse(error);
      return done(status, body, { outcome: "rejected", code: error.code });
    }
    const forwarded = await postToOrigin(config.origin, event.body, event.headers);
    const fields = { outcome: forwarded.outcome, eventId: event.id, type: event.type, originStatus: forwarded.status };
    if (forwarded.outcome === "forwarded") return done(200, { ok: true, id: event.id }, fields);
    return done(ORIGIN_FAILURE[forwarded.outcome], { error: forwarded.outcome }, fields);
  },
};
