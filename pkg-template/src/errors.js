// @ts-check
// The package's one error rule: a delivery that does not verify is a HookgateError with a stable code
// (see the README's table); a call made wrongly (an argument of the wrong type, an option out of range)
// is a TypeError. Nothing else is thrown on purpose: no bare SyntaxError from a JSON.parse.

/** @typedef {import("./index.js").HookgateErrorCode} HookgateErrorCode */

/** A rejected delivery: `.code` is stable, `.message` never contains a secret. */
export class HookgateError extends Error {
  /** @override */
  name = /** @type {const} */ ("HookgateError");

  /**
   * @param {HookgateErrorCode} code
   * @param {string} message
   * @param {string} [provider]
   */
  constructor(code, message, provider) {
    super(message);
    this.code = code;
    this.provider = provider;
  }
}

/** @param {unknown} provider */
export function unknownProvider(provider) {
  return new HookgateError("unknown_provider", `unknown provider ${JSON.stringify(String(provider)).slice(0, 80)}`, String(provider));
}
