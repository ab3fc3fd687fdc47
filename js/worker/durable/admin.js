// @ts-check
// The admin endpoints of durable mode and the operator's console that uses them. They exist only when
// ADMIN_TOKEN is set (404 otherwise). The console's page is static and served to anyone who asks (it holds
// no secret); every API call needs `Authorization: Bearer <ADMIN_TOKEN>` (401 otherwise), compared in
// constant time. Every answer under /admin/ is uncacheable, unframeable and offered to no other origin
// (no CORS headers: a browser on another site cannot read it).
import { readBodyLimited } from "hookgate";
import { consoleFile } from "../console/serve.js";
import { redrive, replay } from "./admin-actions.js";
import {
  archivedEvent,
  DEAD_EXPECTED,
  EVENTS_EXPECTED,
  eventDetail,
  eventsFilter,
  findEvent,
  listDeadLetters,
  listEvents,
  wholeNumber,
} from "./admin-events.js";
import { countersOf, DEFAULT_HOURS, MAX_HOURS } from "./counters.js";

/**
 * @typedef {import("./accept.js").DurableEnv} DurableEnv
 * @typedef {{ status: number, body: unknown }} Answer
 */

/** An admin request body is small JSON: ids and dates. */
const MAX_REQUEST_BYTES = 1024 * 1024;

/** Headers every answer under /admin/ carries (the page adds its own Content-Security-Policy). */
const ADMIN_HEADERS = {
  "cache-control": "no-store",
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};
const API_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** @param {Response} response */
function guarded(response) {
  for (const [name, value] of Object.entries(ADMIN_HEADERS)) response.headers.set(name, value);
  if (!response.headers.has("content-security-policy")) response.headers.set("content-security-policy", API_POLICY);
  return response;
}

const json = (/** @type {number} */ status, /** @type {unknown} */ body) => Response.json(body, { status });
const invalid = (/** @type {string} */ expected) => json(400, { error: "invalid_request", expected });
const encoder = new TextEncoder();

/** Whether `request` carries `Bearer <token>`: both sides hashed, then compared in constant time. @param {Request} request @param {string} token */
async function authorized(request, token) {
  const presented = /^Bearer\s+(.+)$/i.exec(request.headers.get("authorization") ?? "")?.[1]?.trim() ?? "";
  const [a, b] = await Promise.all([presented, token].map((text) => crypto.subtle.digest("SHA-256", encoder.encode(text))));
  return crypto.subtle.timingSafeEqual(a, b);
}

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

/**
 * Answers `/admin` and `/admin/…`, or null when the path is not an admin one.
 * @param {Request} request @param {URL} url @param {DurableEnv} env
 * @param {{ token: string | null, routes: Iterable<string> }} settings
 * @returns {Promise<Response | null>}
 */
export async function admin(request, url, env, { token, routes }) {
  if (url.pathname !== "/admin" && !url.pathname.startsWith("/admin/")) return null;
  if (!token) return guarded(json(404, { error: "not_found" }));
  if (url.pathname === "/admin") return guarded(new Response(null, { status: 308, headers: { location: "/admin/" } }));
  const page = request.method === "GET" ? consoleFile(url.pathname) : null;
  if (page) return guarded(page);
  if (!(await authorized(request, token))) return guarded(json(401, { error: "unauthorized" }));
  return guarded(await api(request, url, env, routes));
}

/** The API's answer, once authorized. @param {Request} request @param {URL} url @param {DurableEnv} env @param {Iterable<string>} routes */
async function api(request, url, env, routes) {
  const route = `${request.method} ${url.pathname.replace(/\/+$/, "")}`;
  if (route === "GET /admin/events") {
    const filter = eventsFilter(url.searchParams);
    return filter ? json(200, await listEvents(env, filter)) : invalid(EVENTS_EXPECTED);
  }
  const event = /^GET \/admin\/events\/([^/]+?)(\/body)?$/.exec(route) ?? /^GET \/admin\/events\/(.+)$/.exec(route);
  if (event) {
    let id;
    try {
      id = decodeURIComponent(event[1]);
    } catch {
      return invalid("an event id, percent-encoded as encodeURIComponent writes it");
    }
    const record = await findEvent(env, id, url.searchParams.get("provider"));
    if (!record) return json(404, { error: "unknown_event" });
    if (!event[2]) return json(200, await eventDetail(env, record));
    const archived = await archivedEvent(env, record);
    return archived
      ? new Response(archived, { headers: { "content-type": "application/json" } })
      : json(404, { error: "archive_gone", expected: "an event accepted within ARCHIVE_DAYS" });
  }
  if (route === "GET /admin/dead-letters") {
    const page = await listDeadLetters(env, url.searchParams);
    return page ? json(200, page) : invalid(DEAD_EXPECTED);
  }
  if (route === "GET /admin/counters") {
    const hours = wholeNumber(url.searchParams.get("hours"), MAX_HOURS, DEFAULT_HOURS);
    if (hours === null) return invalid(`hours: 1-${MAX_HOURS} (default ${DEFAULT_HOURS})`);
    return json(200, await countersOf(env.DEDUP, hours, routes));
  }
  if (route === "POST /admin/dead-letters/redrive") return answer(await redrive(env, await body(request)));
  if (route === "POST /admin/replay") return answer(await replay(env, await body(request)));
  return json(404, { error: "not_found" });
}

const answer = (/** @type {Answer} */ { status, body }) => json(status, body);
