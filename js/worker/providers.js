// @ts-check
// The providers a gateway serves: every built-in one, and those declared in the variable `PROVIDERS` (a
// JSON array of declarations, docs/declarations.md), each at /webhooks/<id> with `<ID>_SECRET` as usual.
// A declaration is checked once, when the configuration is read: one that cannot be read, or that takes a
// built-in's id or another declaration's, makes `PROVIDERS` wrong (503 until fixed), never a 404 later.
import { checkDeclaration, providers } from "hookgate";

/**
 * @typedef {import("hookgate").Provider} Provider
 * @typedef {import("hookgate").ProviderDeclaration} ProviderDeclaration
 * @typedef {{ provider: Provider, signsUrl: boolean, handshake: string | null }} Served
 */

/** Every built-in provider, by id. @type {ReadonlyMap<string, Served>} */
const BUILT_IN = new Map(
  providers().map((p) => [p.id, { provider: p.id, signsUrl: p.credentials.some((c) => c.signsUrl), handshake: p.handshake }]),
);

/**
 * The providers served: the built-in ones, and `PROVIDERS`'s. When `PROVIDERS` is wrong it is added to
 * `wrong` and `reasons` says why (a field and what is wrong with it: declarations hold no secret).
 * @param {Record<string, unknown>} env @param {string[]} wrong @param {Record<string, string>} reasons
 * @returns {ReadonlyMap<string, Served>}
 */
export function servedProviders(env, wrong, reasons) {
  if (env.PROVIDERS === undefined) return BUILT_IN;
  const problem = (/** @type {string} */ why) => {
    wrong.push("PROVIDERS");
    reasons.PROVIDERS = why;
    return BUILT_IN;
  };
  let declarations;
  try {
    declarations = typeof env.PROVIDERS === "string" ? JSON.parse(env.PROVIDERS) : env.PROVIDERS;
  } catch {
    return problem("not JSON: a JSON array of declarations is expected");
  }
  if (!Array.isArray(declarations)) return problem("not a JSON array of declarations");
  const served = new Map(BUILT_IN);
  for (const [index, declaration] of declarations.entries()) {
    let checked;
    try {
      checked = checkDeclaration(declaration);
    } catch (error) {
      return problem(`PROVIDERS[${index}]: ${String(/** @type {Error} */ (error).message).replace(/^hookgate: /, "")}`);
    }
    const { id, signsUrl } = checked;
    if (served.has(id)) return problem(`PROVIDERS[${index}]: the id "${id}" is declared twice`);
    served.set(id, { provider: declaration, signsUrl, handshake: null });
  }
  return served;
}
