// The package loaded with require() (run with --no-experimental-require-module, so an ES-only package
// would fail here as it would on Node 18): every shared vector, every input form.
const { test } = require("node:test");
const assert = require("node:assert/strict");
const hookgate = require("hookgate");

test("require('hookgate') gives the CommonJS build", () => {
  assert.equal(typeof hookgate.verify, "function");
  assert.equal(typeof hookgate.HookgateError, "function");
});

test("every vector gives its expected outcome through the CommonJS entry", async () => {
  const { loadVectors, runAll } = await import("./vectors.mjs");
  const vectors = loadVectors();
  const { runs, problems } = runAll(hookgate, vectors);
  assert.equal(runs, vectors.length * 6);
  assert.deepEqual(problems, []);
});
