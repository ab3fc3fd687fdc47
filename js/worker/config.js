// @ts-check
// The gateway's configuration: read from Worker vars, secrets and bindings once per isolate, checked,
// frozen. A value that cannot be read is never replaced by a default: the gateway answers every delivery
// 503 `gateway_misconfigured` and logs once which variables are wrong (their names, never their values).
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_TOLERANCE_SECONDS, signForOrigin } from "hookgate";
import { servedProviders } from "./providers.js";
import { isOriginUrl, parseRoutes } from "./routes.js";

/**
 * @typedef {import("hookgate").ProviderId} ProviderId
 * @typedef {import("hookgate").HmacScheme} HmacScheme
 * @typedef {import("./routes.js").Route} Route
 * @typedef {import("./providers.js").Served} Served
 * @typedef {{ secret: string[], token: string[], hmac?: HmacScheme, publicUrl?: string }} EndpointKeys
 * @typedef {{ retryBaseSeconds: number, retryMaxSeconds: number, dedupWindowSeconds: number, archiveDays: number }} Durable
 * @typedef {{
 *   ok: true,
 *   mode: "sync" | "queue",
 *   routes: ReadonlyMap<string, Route>,
 *   routed: boolean,
 *   sharedForwardSecret: string | null,
 *   durable: Readonly<Durable> | null,
 *   adminToken: string | null,
 *   toleranceSeconds: number,
 *   maxBodyBytes: number,
 *   endpoints: ReadonlyMap<string, EndpointKeys>,
 *   providers: ReadonlyMap<string, Served>,
 * }} Config
 * @typedef {{ ok: false, wrong: string[], reasons: Record<string, string> }} Misconfigured
 */

/** @typedef {{ fallback: number, min: number, max: number }} NumberRule */

/** Whole numbers the gateway reads, each with its default and the range that makes sense. */
export const NUMBERS = /** @type {const} */ ({
  TOLERANCE_SECONDS: { fallback: DEFAULT_TOLERANCE_SECONDS, min: 0, max: 86_400 },
  // At most what an origin verifying with the package's defaults takes: every event the gateway accepts
  // must verify there (the event is the body and a few hundred bytes more; index.js checks it).
  MAX_BODY_BYTES: { fallback: DEFAULT_MAX_BODY_BYTES, min: 1, max: DEFAULT_MAX_BODY_BYTES },
  ORIGIN_TIMEOUT_MS: { fallback: 10_000, min: 1, max: 900_000 },
  // Durable mode. Queues delays a retry by at most 12 hours, and takes whole seconds only.
  RETRY_BASE_SECONDS: { fallback: 10, min: 1, max: 43_200 },
  RETRY_MAX_SECONDS: { fallback: 3_600, min: 1, max: 43_200 },
  DEDUP_WINDOW_SECONDS: { fallback: 86_400, min: 1, max: 31 * 86_400 },
  ARCHIVE_DAYS: { fallback: 7, min: 1, max: 366 },
});

/** The bindings durable mode needs, by name (wrangler.toml's `[env.durable]`), and a method each has. */
const DURABLE_BINDINGS = /** @type {const} */ ([
  ["DELIVERIES", "send"],
  ["DEDUP", "idFromName"],
  ["ARCHIVE", "put"],
]);

/** `returns-cloud` + `eu` → `RETURNS_CLOUD_EU`. @param {string} provider @param {string | null} [name] */
export function envPrefix(provider, name) {
  return [provider, name]
    .filter(Boolean)
    .join("_")
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "_");
}

/**
 * The endpoint (`redo`, `redo/eu`) a variable prefix belongs to, or null when it names no provider.
 * @param {string} prefix @param {string[]} ids the providers served
 */
function endpointOf(prefix, ids) {
  // The longest provider prefix wins, so no provider's named endpoint can shadow another provider.
  const id = ids
    .filter((each) => prefix === envPrefix(each) || prefix.startsWith(`${envPrefix(each)}_`))
    .sort((a, b) => b.length - a.length)[0];
  if (!id) return null;
  const name = prefix.slice(envPrefix(id).length + 1);
  return name ? `${id}/${name.toLowerCase().replaceAll("_", "-")}` : id;
}

/**
 * One secret exactly as given (surrounding whitespace trimmed), or a JSON array of secrets when the
 * value starts with `[` (rotation: `["old","new"]`). Never split on commas: a comma may be part of a secret.
 * @param {unknown} value
 * @returns {string[] | null} null when the value cannot be read
 */
export function parseSecrets(value) {
  const text = String(value).trim();
  if (!text.startsWith("[")) return text ? [text] : [];
  try {
    const list = JSON.parse(text);
    if (Array.isArray(list) && list.every((item) => typeof item === "string")) return list.map((item) => item.trim()).filter(Boolean);
  } catch {
    // unreadable: reported by its name
  }
  return null;
}

/**
 * The variable's whole number, its default when unset, null when unreadable.
 * @param {Record<string, unknown>} env @param {keyof typeof NUMBERS} name
 */
function parseNumber(env, name) {
  /** @type {NumberRule} */
  const { fallback, min, max } = NUMBERS[name];
  const value = env[name];
  if (value === undefined) return fallback;
  const text = String(value).trim();
  const number = /^\d{1,15}$/.test(text) ? Number(text) : Number.NaN;
  return number >= min && number <= max ? number : null;
}

/** Whether `secret` can sign for the origin: a `whsec_` key of at least 16 bytes. @param {string} secret */
function canSign(secret) {
  try {
    signForOrigin("", "check", secret, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The routes: `ROUTES` when set (then `ORIGIN_URL` is not used, and said so once), else `ORIGIN_URL` as
 * the one route `default`, signed with `FORWARD_SECRET`. Wrong variables are added to `wrong`.
 * @param {Record<string, unknown>} env @param {number} timeoutMs @param {string[]} ids the providers served
 * @param {string[]} wrong
 * @returns {{ routes: Map<string, Route>, routed: boolean }}
 */
function readRoutes(env, timeoutMs, ids, wrong) {
  const timeoutRange = NUMBERS.ORIGIN_TIMEOUT_MS;
  if (env.ROUTES !== undefined) {
    const parsed = parseRoutes(String(env.ROUTES), {
      knownProviders: new Set(ids),
      env,
      defaultTimeoutMs: timeoutMs,
      timeoutRange,
      canSign,
    });
    wrong.push(...parsed.wrong);
    if (env.ORIGIN_URL !== undefined) console.log(JSON.stringify({ notice: "ROUTES is set: ORIGIN_URL is not used" }));
    return { routes: new Map(parsed.routes.map((route) => [route.name, route])), routed: true };
  }
  const url = String(env.ORIGIN_URL ?? "").trim();
  if (!isOriginUrl(url)) wrong.push("ORIGIN_URL");
  const forwardSecret = String(env.FORWARD_SECRET ?? "").trim();
  if (!canSign(forwardSecret)) wrong.push("FORWARD_SECRET");
  /** @type {Route} */
  const route = Object.freeze({
    name: "default",
    url,
    forwardSecret,
    secretVariable: "FORWARD_SECRET",
    timeoutMs,
    providers: null,
    types: null,
    test: null,
  });
  return { routes: new Map([["default", route]]), routed: false };
}

/** The forwarding secret every route shares, so one signature serves them all; else null. @param {Map<string, Route>} routes */
function sharedSecret(routes) {
  // Configured keys against each other, never against anything a request presents.
  const secrets = new Set([...routes.values()].map((route) => route.forwardSecret));
  return secrets.size === 1 ? [...secrets][0] : null; // constant-time: a count of configured keys
}

/**
 * Reads and checks the whole configuration.
 * @param {Record<string, unknown>} env
 * @returns {Readonly<Config> | Readonly<Misconfigured>}
 */
export function readConfig(env) {
  /** @type {string[]} */
  const wrong = [];
  const number = (/** @type {keyof typeof NUMBERS} */ name) => {
    const value = parseNumber(env, name);
    if (value === null) wrong.push(name);
    return value ?? 0;
  };
  const toleranceSeconds = number("TOLERANCE_SECONDS");
  const maxBodyBytes = number("MAX_BODY_BYTES");
  const timeoutMs = number("ORIGIN_TIMEOUT_MS");

  /** @type {Record<string, string>} */
  const reasons = {};
  const served = servedProviders(env, wrong, reasons);
  const ids = [...served.keys()];
  const { routes, routed } = readRoutes(env, timeoutMs, ids, wrong);

  const delivery = String(env.DELIVERY ?? "sync").trim();
  if (delivery !== "sync" && delivery !== "queue") wrong.push("DELIVERY");
  /** @type {Durable | null} */
  let durable = null;
  if (delivery === "queue") {
    durable = {
      retryBaseSeconds: number("RETRY_BASE_SECONDS"),
      retryMaxSeconds: number("RETRY_MAX_SECONDS"),
      dedupWindowSeconds: number("DEDUP_WINDOW_SECONDS"),
      archiveDays: number("ARCHIVE_DAYS"),
    };
    if (durable.retryMaxSeconds < durable.retryBaseSeconds && !wrong.includes("RETRY_MAX_SECONDS")) wrong.push("RETRY_MAX_SECONDS");
    for (const [binding, method] of DURABLE_BINDINGS) {
      const value = /** @type {Record<string, unknown> | undefined} */ (env[binding]);
      if (typeof value?.[method] !== "function") wrong.push(binding);
    }
  }
  const adminToken = String(env.ADMIN_TOKEN ?? "").trim() || null;

  /** @type {Map<string, EndpointKeys>} */
  const endpoints = new Map();
  const keysOf = (/** @type {string} */ endpoint) => {
    if (!endpoints.has(endpoint)) endpoints.set(endpoint, { secret: [], token: [] });
    return /** @type {EndpointKeys} */ (endpoints.get(endpoint));
  };
  // A variable a route names as its secret is that route's alone, never an endpoint's.
  const routeSecrets = new Set([...routes.values()].map((route) => route.secretVariable));
  for (const [name, value] of Object.entries(env)) {
    const match = /^([A-Z0-9_]+)_(SECRET|TOKEN|HMAC_SCHEME|PUBLIC_URL)$/.exec(name);
    const endpoint = match && !routeSecrets.has(name) && endpointOf(match[1], ids);
    if (!match || !endpoint || typeof value !== "string") continue;
    if (match[2] === "PUBLIC_URL") {
      // The URL the sender calls, for providers that sign it (Square, Twilio) behind a proxy or domain:
      // its origin and path stand for the ones the Worker saw. For any other provider it would stand for
      // nothing a signature checks, so it is refused rather than ignored.
      const publicUrl = value.trim();
      const provider = endpoint.split("/")[0];
      if (served.get(provider)?.signsUrl && isOriginUrl(publicUrl) && !/[?#]/.test(publicUrl)) keysOf(endpoint).publicUrl = publicUrl;
      else wrong.push(name);
      continue;
    }
    if (match[2] === "HMAC_SCHEME") {
      try {
        const scheme = JSON.parse(value);
        if (scheme === null || typeof scheme !== "object" || Array.isArray(scheme)) throw new TypeError("not an object");
        keysOf(endpoint).hmac = scheme;
      } catch {
        wrong.push(name);
      }
      continue;
    }
    const secrets = parseSecrets(value);
    if (secrets === null) wrong.push(name);
    else keysOf(endpoint)[match[2] === "SECRET" ? "secret" : "token"] = secrets;
  }
  if (wrong.length > 0) return Object.freeze({ ok: /** @type {const} */ (false), wrong: wrong.sort(), reasons });
  return Object.freeze({
    ok: /** @type {const} */ (true),
    mode: /** @type {"sync" | "queue"} */ (delivery),
    routes,
    routed,
    sharedForwardSecret: sharedSecret(routes),
    durable: durable && Object.freeze(durable),
    adminToken,
    toleranceSeconds,
    maxBodyBytes,
    endpoints,
    providers: served,
  });
}

/** The endpoints that have a secret or token: `redo`, `redo/eu`… (names only, never values). @param {Config} config */
export function configuredEndpoints(config) {
  return [...config.endpoints]
    .filter(([, keys]) => keys.secret.length + keys.token.length > 0)
    .map(([name]) => name)
    .sort();
}

/**
 * The URL to verify a delivery against: the endpoint's `<PREFIX>_PUBLIC_URL` in place of the scheme, host,
 * port and path the Worker received (what the sender calls, when a proxy or a custom domain shows the
 * Worker another), with the query received; else the URL received. Tokens are always read from the
 * received URL: only providers whose signature covers the URL take a public URL at all.
 * @param {Config} config @param {string} provider @param {string | null} name @param {string} received
 */
export function endpointUrl(config, provider, name, received) {
  const publicUrl = config.endpoints.get(name ? `${provider}/${name}` : provider)?.publicUrl;
  if (!publicUrl) return received;
  // The public scheme, host, port and path; the query as received (Twilio's `bodySHA256` is in it).
  const query = new URL(received).search;
  return `${publicUrl}${query}`;
}

/**
 * The verify options for one endpoint. Nothing configured means nothing is accepted (fail closed).
 * @param {Config} config @param {string} provider @param {string | null} name
 */
export function endpointOptions(config, provider, name) {
  const keys = config.endpoints.get(name ? `${provider}/${name}` : provider);
  return {
    secret: keys?.secret ?? [],
    token: keys?.token ?? [],
    hmac: keys?.hmac,
    toleranceSeconds: config.toleranceSeconds,
    maxBodyBytes: config.maxBodyBytes,
  };
}
