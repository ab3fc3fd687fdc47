// The hookgate gateway: a Cloudflare Worker in front of an origin. POST /webhooks/<provider>[/<name>]
// is verified and normalized by the wasm core, then forwarded to ORIGIN_URL, signed again; anything
// that does not verify is answered with a clear 4xx and never reaches the origin.
import { HookgateError, errorResponse, eventHead, providers, verifyRequestJson } from "hookgate";
import { configuredEndpoints, endpointOptions, originSettings } from "./config.js";
import { forwardEvent } from "./forward.js";

const WEBHOOK_PATH = /^\/webhooks\/([a-z0-9-]+)(?:\/([a-z0-9-]{1,40}))?\/?$/;
const PROVIDER_IDS = providers().map((p) => p.id);
const warnedUnconfigured = new Set();

const json = (status, body, headers = {}) => Response.json(body, { status, headers });

/** One structured line per delivery: never a secret or a body. */
function log(fields) {
  console.log(JSON.stringify({ at: new Date().toISOString(), ...fields }));
}

// What the gateway answers when the origin does not take the event: statuses that make senders retry.
const ORIGIN_FAILURE = { origin_failed: 502, origin_unreachable: 502, origin_timeout: 504 };

export default {
  async fetch(request, env) {
    const started = Date.now();
    const { pathname } = new URL(request.url);
    if (pathname === "/healthz") {
      if (request.method !== "GET") return json(405, { error: "method_not_allowed" }, { allow: "GET" });
      return json(200, { ok: true, providers: configuredEndpoints(env, PROVIDER_IDS) });
    }
    const match = WEBHOOK_PATH.exec(pathname);
    if (!match) return json(404, { error: "not_found" });
    const [, provider, name = null] = match;
    const done = (status, body, fields) => {
      log({ provider, endpoint: name, status, ms: Date.now() - started, ...fields });
      return json(status, body, fields.allow ? { allow: fields.allow } : {});
    };
    if (!PROVIDER_IDS.includes(provider)) return done(404, { error: "unknown_provider" }, { outcome: "rejected", code: "unknown_provider" });
    if (request.method !== "POST") return done(405, { error: "method_not_allowed" }, { outcome: "rejected", code: "method_not_allowed", allow: "POST" });

    const origin = originSettings(env);
    if (!origin.url || !origin.forwardSecret) {
      return done(503, { error: "gateway_misconfigured" }, { outcome: "rejected", code: "gateway_misconfigured" });
    }
    let event;
    try {
      event = await verifyRequestJson(provider, request, endpointOptions(env, provider, name));
    } catch (error) {
      if (!(error instanceof HookgateError)) throw error;
      if (error.code === "missing_secret" && !warnedUnconfigured.has(`${provider}/${name}`)) {
        warnedUnconfigured.add(`${provider}/${name}`);
        console.warn(JSON.stringify({ warning: "no secret configured: every delivery is rejected", provider, endpoint: name }));
      }
      const { status, body } = errorResponse(error);
      return done(status, body, { outcome: "rejected", code: error.code });
    }
    const head = eventHead(event);
    let forwarded;
    try {
      forwarded = await forwardEvent(origin, event, head);
    } catch (error) {
      if (!(error instanceof HookgateError)) throw error;
      // FORWARD_SECRET is not a whsec_ key: nothing can be signed for the origin.
      return done(503, { error: "gateway_misconfigured" }, { outcome: "rejected", code: "gateway_misconfigured", eventId: head.id });
    }
    const fields = { outcome: forwarded.outcome, eventId: head.id, type: head.type, originStatus: forwarded.status };
    if (forwarded.outcome === "forwarded") return done(200, { ok: true, id: head.id }, fields);
    return done(ORIGIN_FAILURE[forwarded.outcome], { error: forwarded.outcome }, fields);
  },
};
