// @ts-check
// The gateway's configuration: read from Worker vars, secrets and bindings once per isolate, checked,
// frozen. A value that cannot be read is never replaced by a default: the gateway answers every delivery
// 503 `gateway_misconfigured` and logs once which variables are wrong (their names, never their values).
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_TOLERANCE_SECONDS, providers, signForOrigin } from "hookgate";

/**
 * @typedef {import("hookgate").ProviderId} ProviderId
 * @typedef {import("hookgate").HmacScheme} HmacScheme
 * @typedef {{ secret: string[], token: string[], hmac?: HmacScheme, publicUrl?: string }} EndpointKeys
 * @typedef {{ url: string, forwardSecret: string, timeoutMs: number }} Origin
 * @typedef {{ retryBaseSeconds: number, retryMaxSeconds: number, dedupWindowSeconds: number, archiveDays: number }} Durable
 * @typedef {{
 *   ok: true,
 *   mode: "sync" | "queue",
 *   origin: Readonly<Origin>,
 *   durable: Readonly<Durable> | null,
 *   adminToken: string | null,
 *   toleranceSeconds: number,
 *   maxBodyBytes: number,
 *   endpoints: ReadonlyMap<string, EndpointKeys>,
 * }} Config
 * @typedef {{ ok: false, wrong: string[] }} Misconfigured
 */

/** @typedef {{ fallback: number, min: number, max: number }} NumberRule */

/** Whole numbers the gateway reads, each with its default and the range that makes sense. */
export const NUMBERS = /** @type {const} */ ({
  TOLERANCE_SECONDS: { fallback: DEFAULT_TOLERANCE_SECONDS, min: 0, max: 86_400 },
  MAX_BODY_BYTES: { fallback: DEFAULT_MAX_BODY_BYTES, min: 1, max: 100 * 1024 * 1024 },
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

const PROVIDER_IDS = providers().map((p) => p.id);

/** `returns-cloud` + `eu` → `RETURNS_CLOUD_EU`. @param {string} provider @param {string | null} [name] */
export function envPrefix(provider, name) {
  return [provider, name]
    .filter(Boolean)
    .join("_")
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "_");
}

/** The endpoint (`redo`, `redo/eu`) a variable prefix belongs to, or null when it names no provider. @param {string} prefix */
function endpointOf(prefix) {
  // The longest provider prefix wins, so no provider's named endpoint can shadow another provider.
  const id = PROVIDER_IDS.filter((each) => prefix === envPrefix(each) || prefix.startsWith(`${envPrefix(each)}_`)).sort(
    (a, b) => b.length - a.length,
  )[0];
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

/** Whether `text` is an absolute `http(s)` URL. @param {string} text */
const isHttpUrl = (text) => /^https?:\/\/[^/\s]+/.test(text) && URL.canParse(text);

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

  const url = String(env.ORIGIN_URL ?? "").trim();
  if (!isHttpUrl(url)) wrong.push("ORIGIN_URL");
  const forwardSecret = String(env.FORWARD_SECRET ?? "").trim();
  if (!canSign(forwardSecret)) wrong.push("FORWARD_SECRET");

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
  for (const [name, value] of Object.entries(env)) {
    const match = /^([A-Z0-9_]+)_(SECRET|TOKEN|HMAC_SCHEME|PUBLIC_URL)$/.exec(name);
    const endpoint = match && endpointOf(match[1]);
    if (!match || !endpoint || typeof value !== "string") continue;
    if (match[2] === "PUBLIC_URL") {
      // The URL the sender calls, for providers that sign it (Square, Twilio) behind a proxy or domain.
      const publicUrl = value.trim();
      if (isHttpUrl(publicUrl)) keysOf(endpoint).publicUrl = publicUrl;
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
  if (wrong.length > 0) return Object.freeze({ ok: /** @type {const} */ (false), wrong: wrong.sort() });
  return Object.freeze({
    ok: /** @type {const} */ (true),
    mode: /** @type {"sync" | "queue"} */ (delivery),
    origin: Object.freeze({ url, forwardSecret, timeoutMs }),
    durable: durable && Object.freeze(durable),
    adminToken,
    toleranceSeconds,
    maxBodyBytes,
    endpoints,
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
 * The URL to verify a delivery against: the endpoint's `<PREFIX>_PUBLIC_URL` when set (what the sender
 * calls, when a proxy or a custom domain shows the Worker another), else the URL the Worker received.
 * @param {Config} config @param {string} provider @param {string | null} name @param {string} received
 */
export function endpointUrl(config, provider, name, received) {
  return config.endpoints.get(name ? `${provider}/${name}` : provider)?.publicUrl ?? received;
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
