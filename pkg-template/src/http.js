// @ts-check
// How every hookgate HTTP surface (the gateway, the Node, Express, Fastify and Hono handlers) answers a
// rejected delivery: one table, so they can never disagree.

/** @type {Record<import("./index.js").HookgateErrorCode, number>} */
const STATUS = {
  missing_signature: 401,
  malformed_signature: 401,
  signature_mismatch: 401,
  timestamp_out_of_tolerance: 401,
  invalid_json: 400,
  invalid_payload: 400,
  payload_too_large: 413,
  unknown_provider: 404,
  // A misconfiguration, not a bad delivery: the sender retries, and nothing is lost once it is fixed.
  missing_secret: 503,
  missing_url: 503,
};

/**
 * The HTTP status for an error code; 500 for anything else (a bug, or the user's own handler failing).
 * @param {string} code
 * @returns {number}
 */
export function statusFor(code) {
  return Object.hasOwn(STATUS, code) ? STATUS[/** @type {keyof typeof STATUS} */ (code)] : 500;
}

/**
 * `{ status, body }` for a thrown error: `{ "error": "<code>" }`, never a message or a secret.
 * @param {unknown} error
 * @returns {{ status: number, body: { error: import("./index.js").HookgateErrorCode | "internal_error" } }}
 */
export function errorResponse(error) {
  const given = /** @type {{ code?: unknown } | null | undefined} */ (error)?.code;
  const code = typeof given === "string" && Object.hasOwn(STATUS, given) ? /** @type {keyof typeof STATUS} */ (given) : "internal_error";
  return { status: statusFor(code), body: { error: code } };
}
