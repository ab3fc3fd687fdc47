// ES modules, with every subpath.
import assert from "node:assert/strict";
import { HookgateError, providers, signDelivery, statusFor, verify, verifyRequest } from "hookgate";
import { hookgate as expressHookgate } from "hookgate/express";
import fastifyPlugin from "hookgate/fastify";
import { hookgate as honoHookgate } from "hookgate/hono";
import { createHandler, readRawBody } from "hookgate/node";

const delivery = signDelivery("reready", { body: '{"device_return_id":"d1","state":"complete"}' }, { secret: "ssk_1" });
assert.equal(verify("reready", delivery, { secret: "ssk_1" }).subject.id, "d1");
const request = new Request(delivery.url, { method: "POST", headers: delivery.headers, body: delivery.body });
assert.equal((await verifyRequest("reready", request, { secret: "ssk_1" })).type, "device_return.status_changed");
assert.equal(statusFor("signature_mismatch"), 401);
assert.ok(providers().length >= 11);
assert.ok(new HookgateError("invalid_json", "x") instanceof Error);
for (const fn of [createHandler, readRawBody, expressHookgate, fastifyPlugin, honoHookgate]) assert.equal(typeof fn, "function");
console.log("import: ok");
