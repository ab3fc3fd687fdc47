// CommonJS: run with --no-experimental-require-module, so an ES-only package would fail as on Node 18.
const assert = require("node:assert/strict");
const hookgate = require("hookgate");
const { createHandler, readRawBody } = require("hookgate/node");
const { hookgate: expressHookgate } = require("hookgate/express");
const fastifyPlugin = require("hookgate/fastify");
const { hookgate: honoHookgate } = require("hookgate/hono");

const body = '{"type":"created","at":"2026-01-01T00:00:00Z","return":{"id":"r1"}}';
const event = hookgate.verify("redo", { headers: { authorization: "Bearer s" }, body }, { secret: "s" });
assert.equal(event.type, "return.created");
assert.throws(() => hookgate.verify("redo", { headers: {}, body }, { secret: "s" }), hookgate.HookgateError);
for (const fn of [createHandler, readRawBody, expressHookgate, fastifyPlugin, fastifyPlugin.default, honoHookgate])
  assert.equal(typeof fn, "function");
console.log("require: ok");
