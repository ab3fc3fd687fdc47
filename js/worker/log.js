// @ts-check
// The gateway's log: one JSON line per delivery and per delivery attempt, never a secret or a body.

/** @param {Record<string, unknown>} fields */
export function log(fields) {
  console.log(JSON.stringify({ at: new Date().toISOString(), ...fields }));
}
