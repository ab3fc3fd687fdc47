// @ts-check
// Routes: where a verified event goes. `ROUTES` is a JSON array of `{ name, url, providers?, types?,
// test?, secret?, timeoutMs? }`; without it, `ORIGIN_URL` is one route named `default`. Every route that
// matches an event gets it (fan-out). Read once per isolate with the rest of the configuration: anything
// unreadable names the variable, never guesses.

/**
 * @typedef {{ name: string, url: string, forwardSecret: string, secretVariable: string, timeoutMs: number,
 *   providers: ReadonlySet<string> | null, types: readonly string[] | null, test: boolean | null }} Route
 * @typedef {{ provider: string, type: string, test: boolean }} Routable
 */

/** The most routes one gateway forwards to: each matched route is one request while the sender waits. */
export const MAX_ROUTES = 20;
const NAME = /^[a-z0-9-]{1,40}$/;
const VARIABLE = /^[A-Z][A-Z0-9_]{0,99}$/;
const MEMBERS = new Set(["name", "url", "providers", "types", "test", "secret", "timeoutMs"]);

/**
 * Whether `text` matches `pattern`, where `*` matches any run of characters (none included) and every
 * other character itself. Hand-written: a regular expression built from the pattern would need escaping.
 * @param {string} pattern @param {string} text
 */
export function globMatch(pattern, text) {
  const parts = pattern.split("*");
  if (parts.length === 1) return pattern === text;
  const [first, ...middle] = parts;
  const last = /** @type {string} */ (middle.pop());
  if (!text.startsWith(first) || !text.endsWith(last) || text.length < first.length + last.length) return false;
  let at = first.length;
  const end = text.length - last.length;
  for (const part of middle) {
    const found = text.indexOf(part, at);
    if (found < 0 || found + part.length > end) return false;
    at = found + part.length;
  }
  return true;
}

/** Whether `route` takes `event`. @param {Route} route @param {Routable} event */
export function routeMatches(route, event) {
  if (route.providers && !route.providers.has(event.provider)) return false;
  if (route.types && !route.types.some((pattern) => globMatch(pattern, event.type))) return false;
  return route.test === null || route.test === event.test;
}

/** Whether `text` is an absolute `http(s)` URL without credentials. @param {string} text */
export function isOriginUrl(text) {
  if (!/^https?:\/\/[^/\s]+/.test(text) || !URL.canParse(text)) return false;
  const url = new URL(text);
  // workerd's fetch drops `user:pass@` silently; the origin authenticates a forward by its signature.
  return url.username === "" && url.password === "";
}

/**
 * The routes `ROUTES` describes, or the names of the variables that make it unreadable.
 * @param {string} text the variable's value
 * @param {{ knownProviders: ReadonlySet<string>, env: Record<string, unknown>, defaultTimeoutMs: number,
 *   timeoutRange: { min: number, max: number }, canSign: (secret: string) => boolean }} context
 * @returns {{ routes: Route[], wrong: string[] }}
 */
export function parseRoutes(text, { knownProviders, env, defaultTimeoutMs, timeoutRange, canSign }) {
  /** @type {string[]} */
  const wrong = [];
  let list;
  try {
    list = JSON.parse(text);
  } catch {
    return { routes: [], wrong: ["ROUTES"] };
  }
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_ROUTES) return { routes: [], wrong: ["ROUTES"] };
  /** @type {Route[]} */
  const routes = [];
  const names = new Set();
  for (const given of list) {
    const route = readRoute(given, { knownProviders, env, defaultTimeoutMs, timeoutRange });
    if (!route || names.has(route.name)) {
      wrong.push("ROUTES");
      continue;
    }
    names.add(route.name);
    if (!canSign(route.forwardSecret)) {
      wrong.push("ROUTES", route.secretVariable);
      continue;
    }
    routes.push(route);
  }
  return { routes, wrong: [...new Set(wrong)] };
}

/**
 * One route, or null when any member is wrong (an unknown member too: a typo would route silently wrong).
 * @param {unknown} given
 * @param {{ knownProviders: ReadonlySet<string>, env: Record<string, unknown>, defaultTimeoutMs: number, timeoutRange: { min: number, max: number } }} context
 * @returns {Route | null}
 */
function readRoute(given, { knownProviders, env, defaultTimeoutMs, timeoutRange }) {
  if (given === null || typeof given !== "object" || Array.isArray(given)) return null;
  const route = /** @type {Record<string, unknown>} */ (given);
  if (Object.keys(route).some((member) => !MEMBERS.has(member))) return null;
  const { name, url, providers, types, test, secret = "FORWARD_SECRET", timeoutMs = defaultTimeoutMs } = route;
  const strings = (/** @type {unknown} */ list) =>
    list === undefined || (Array.isArray(list) && list.length > 0 && list.every((item) => typeof item === "string" && item !== ""));
  const valid =
    typeof name === "string" &&
    NAME.test(name) &&
    typeof url === "string" &&
    isOriginUrl(url) &&
    strings(providers) &&
    /** @type {string[]} */ (providers ?? []).every((id) => knownProviders.has(id)) &&
    strings(types) &&
    (test === undefined || typeof test === "boolean") &&
    typeof secret === "string" &&
    VARIABLE.test(secret) &&
    Number.isInteger(timeoutMs) &&
    /** @type {number} */ (timeoutMs) >= timeoutRange.min &&
    /** @type {number} */ (timeoutMs) <= timeoutRange.max;
  if (!valid) return null;
  return Object.freeze({
    name: /** @type {string} */ (name),
    url: /** @type {string} */ (url),
    forwardSecret: String(env[/** @type {string} */ (secret)] ?? "").trim(),
    secretVariable: /** @type {string} */ (secret),
    timeoutMs: /** @type {number} */ (timeoutMs),
    providers: providers ? new Set(/** @type {string[]} */ (providers)) : null,
    types: types ? Object.freeze([.../** @type {string[]} */ (types)]) : null,
    test: test === undefined ? null : /** @type {boolean} */ (test),
  });
}
