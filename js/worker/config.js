// Reads the gateway's configuration from Worker vars and secrets. Names follow the provider registry:
// `<ID>_SECRET` / `<ID>_TOKEN` (and `<ID>_HMAC_SCHEME` for the generic provider), or
// `<ID>_<NAME>_…` for a named endpoint `/webhooks/<id>/<name>`. Several values, comma-separated, are
// accepted at once (key rotation).

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** `returns-cloud` + `eu` → `RETURNS_CLOUD_EU`. */
export function envPrefix(provider, name) {
  return [provider, name].filter(Boolean).join("_").toUpperCase().replace(/[^A-Z0-9]/g, "_");
}

const list = (value) => (value ? String(value).split(",").map((v) => v.trim()).filter(Boolean) : []);
const number = (value, fallback) => (value === undefined || value === "" ? fallback : Number(value));

/** The verify options for one endpoint. Nothing configured means nothing is accepted (fail closed). */
export function endpointOptions(env, provider, name) {
  const prefix = envPrefix(provider, name);
  let hmac;
  try {
    hmac = env[`${prefix}_HMAC_SCHEME`] ? JSON.parse(env[`${prefix}_HMAC_SCHEME`]) : undefined;
  } catch {
    hmac = undefined; // unreadable scheme: left out, so the hmac provider rejects with missing_secret
  }
  return {
    secret: list(env[`${prefix}_SECRET`]),
    token: list(env[`${prefix}_TOKEN`]),
    hmac,
    toleranceSeconds: number(env.TOLERANCE_SECONDS, 300),
    maxBodyBytes: number(env.MAX_BODY_BYTES, DEFAULT_MAX_BODY_BYTES),
  };
}

/** The endpoints that have a secret or token: `redo`, `redo/eu`… (names only, never values). */
export function configuredEndpoints(env, providerIds) {
  const found = new Set();
  for (const key of Object.keys(env)) {
    const match = /^([A-Z0-9_]+)_(SECRET|TOKEN)$/.exec(key);
    if (!match || !String(env[key]).trim()) continue;
    for (const id of providerIds) {
      const prefix = envPrefix(id);
      if (match[1] === prefix) found.add(id);
      else if (match[1].startsWith(`${prefix}_`)) found.add(`${id}/${match[1].slice(prefix.length + 1).toLowerCase().replaceAll("_", "-")}`);
    }
  }
  return [...found].sort();
}

/** The origin settings; `null` fields are misconfigurations the gateway refuses to work around. */
export function originSettings(env) {
  return {
    url: env.ORIGIN_URL || null,
    forwardSecret: env.FORWARD_SECRET || null,
    timeoutMs: number(env.ORIGIN_TIMEOUT_MS, 10_000),
  };
}
