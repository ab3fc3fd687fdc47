// @ts-check
// The local demo's configuration: one made-up secret per provider (never use these anywhere real), the
// forwarding secret, and the documented sample deliveries. Shared by the run command and the sample sender.
import { readFileSync } from "node:fs";
import { providers } from "hookgate";

/** Where the local run's gateway listens unless told otherwise (`bash scripts/dev.sh --port N`). */
export const GATEWAY_URL = "http://127.0.0.1:8787";
export const FORWARD_SECRET = "whsec_ZGVtby1mb3J3YXJkLXNlY3JldC1ub3QtZm9yLXByb2R1Y3Rpb24=";
/** The durable demo's admin token (never use it anywhere real). */
export const ADMIN_TOKEN = "demo-admin-token-not-for-production";

/** `returns-cloud` → `RETURNS_CLOUD`, as the gateway names its variables. */
export const envName = (/** @type {string} */ id) => id.toUpperCase().replaceAll("-", "_");

/**
 * The demo secret of a provider, in the form its sender's keys take (Standard Webhooks: `whsec_` and
 * base64; Adyen: hex): from the registry, so a new provider needs nothing here.
 * @param {string} id
 */
export function demoSecret(id) {
  const key = providers()
    .find((p) => p.id === id)
    ?.credentials.find((c) => c.key)?.key;
  // `demo-redo-secret`: the text docs/gateway.md's curl examples sign with.
  const text = `demo-${id}-secret`;
  if (key === "whsec") return `whsec_${Buffer.from(text).toString("base64")}`;
  if (key === "hex") return Buffer.from(text).toString("hex");
  return text;
}

/**
 * The provider's documented sample delivery, unsigned (tests/vectors/<id>.json).
 * @param {string} id
 * @returns {{ headers: Record<string, string>, body: string, options?: { hmac?: import("hookgate").HmacScheme } }}
 */
export function sampleOf(id) {
  return JSON.parse(readFileSync(new URL(`../../tests/vectors/${id}.json`, import.meta.url), "utf8")).sample;
}

/** The gateway's variables for the demo: every provider configured, plus where to forward. @param {number} originPort */
export function demoVars(originPort) {
  /** @type {Record<string, string>} */
  const vars = { ORIGIN_URL: `http://127.0.0.1:${originPort}/events`, FORWARD_SECRET };
  for (const { id, credentials } of providers()) {
    for (const option of new Set(credentials.map((c) => c.option))) vars[`${envName(id)}_${option.toUpperCase()}`] = demoSecret(id);
    const scheme = sampleOf(id).options?.hmac;
    if (scheme) vars[`${envName(id)}_HMAC_SCHEME`] = JSON.stringify(scheme);
  }
  return vars;
}
