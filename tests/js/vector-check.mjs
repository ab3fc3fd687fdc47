// Checks hookgate against the shared vectors (../shared/vectors/webhooks.json) with every header form
// and body form the contract allows. Pure ES module: the Node, workerd and browser tests all use it.

/** The header forms: a plain object, a Fetch `Headers` and `[name, value]` pairs. */
export const headerForms = {
  object: (headers) => ({ ...headers }),
  Headers: (headers) => new Headers(headers),
  pairs: (headers) => Object.entries(headers),
};

/** The body forms: the raw string and its UTF-8 bytes. */
export const bodyForms = {
  string: (body) => body,
  bytes: (body) => new TextEncoder().encode(body),
};

export function optionsOf(vector) {
  const { secret, token, now, toleranceSeconds, maxBodyBytes, hmac } = vector.options;
  return { secret, token, now: now ?? 1767225600, toleranceSeconds, maxBodyBytes, hmac };
}

/** Checks `outcome` (`{ event }` or `{ error }`) against the vector; returns a problem string or null. */
export function problemWith(vector, outcome) {
  const { expect } = vector;
  if (expect.ok) {
    if (outcome.error) return `rejected with ${outcome.error.code} (${outcome.error.message}), expected success`;
    const problem = subsetProblem(expect.event, outcome.event, "event");
    if (problem) return problem;
    if (expect.secretAbsent && JSON.stringify(outcome.event).includes(expect.secretAbsent)) return "the secret appears in the event";
    return null;
  }
  if (!outcome.error) return `accepted, expected ${expect.code}`;
  if (outcome.error.name !== "HookgateError") return `threw ${outcome.error.name}, not HookgateError`;
  if (outcome.error.provider !== vector.provider) return `error.provider is ${outcome.error.provider}`;
  const accepted = expect.codes ?? [expect.code];
  return accepted.includes(outcome.error.code) ? null : `expected ${accepted}, got ${outcome.error.code}`;
}

function subsetProblem(expected, actual, path) {
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object") return `${path}: want an object, got ${JSON.stringify(actual)}`;
    for (const [key, want] of Object.entries(expected)) {
      const got = actual[key];
      if (key === "occurredAt" && want !== null) {
        if (typeof got !== "string" || Date.parse(got) !== Date.parse(want)) return `${path}.${key}: want ${want}, got ${got}`;
        continue;
      }
      const problem = subsetProblem(want, got, `${path}.${key}`);
      if (problem) return problem;
    }
    return null;
  }
  return Object.is(expected, actual) ? null : `${path}: want ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}

/** Runs every vector in every header and body form through `hookgate.verify`; returns problems found. */
export function runAll(hookgate, vectors) {
  const problems = [];
  let runs = 0;
  for (const vector of vectors) {
    for (const [headerForm, makeHeaders] of Object.entries(headerForms)) {
      for (const [bodyForm, makeBody] of Object.entries(bodyForms)) {
        const { url, method } = vector.request;
        const request = { headers: makeHeaders(vector.request.headers), body: makeBody(vector.request.body), url, method };
        let outcome;
        try {
          outcome = { event: hookgate.verify(vector.provider, request, optionsOf(vector)) };
        } catch (error) {
          outcome = { error };
        }
        runs++;
        const problem = problemWith(vector, outcome);
        if (problem) problems.push(`${vector.provider} / ${vector.name} [${headerForm}, ${bodyForm}]: ${problem}`);
      }
    }
  }
  return { runs, problems };
}
