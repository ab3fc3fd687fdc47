// The package's promises that tests written outside the project found broken: a body limit that holds
// however the body arrives, and limit options that are checked rather than silently widened.

import assert from "node:assert/strict";
import { test } from "node:test";
import { Hono } from "hono";
import * as hookgate from "hookgate";
import { explain } from "hookgate/explain";
import { hookgate as honoHookgate } from "hookgate/hono";

const LIMIT = 64 * 1024;
const REDO_SECRET = "redo-secret-for-promises";

/** A 64 MiB body as a stream with no Content-Length (as HTTP/2, Deno, Bun and Next.js hand it over). */
function countingStream(total = 64 * 1024 * 1024) {
  const chunk = new Uint8Array(16 * 1024).fill(0x20);
  const counter = { pulled: 0 };
  const stream = new ReadableStream({
    pull(controller) {
      if (counter.pulled >= total) return controller.close();
      counter.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, counter };
}

function streamedRequest(stream) {
  const request = new Request("https://gateway.test/webhooks/redo", {
    method: "POST",
    headers: { authorization: `Bearer ${REDO_SECRET}` },
    body: stream,
    duplex: "half",
  });
  assert.equal(request.headers.get("content-length"), null);
  assert.equal(request.headers.get("transfer-encoding"), null);
  return request;
}

test("verifyRequest stops reading a stream with no Content-Length once it passes the limit", async () => {
  const { stream, counter } = countingStream();
  await assert.rejects(
    hookgate.verifyRequest("redo", streamedRequest(stream), { secret: REDO_SECRET, maxBodyBytes: LIMIT }),
    (error) => error instanceof hookgate.HookgateError && error.code === "payload_too_large",
  );
  assert.ok(counter.pulled <= LIMIT + 64 * 1024, `pulled ${counter.pulled} bytes for a ${LIMIT}-byte limit`);
});

test("verifyRequest refuses a Request whose declared length lies about a longer stream", async () => {
  const { stream, counter } = countingStream(LIMIT * 4);
  const request = new Request("https://gateway.test/webhooks/redo", {
    method: "POST",
    headers: { authorization: `Bearer ${REDO_SECRET}`, "content-length": "10" },
    body: stream,
    duplex: "half",
  });
  await assert.rejects(hookgate.verifyRequest("redo", request, { secret: REDO_SECRET, maxBodyBytes: LIMIT }), {
    code: "payload_too_large",
  });
  assert.ok(counter.pulled <= LIMIT + 64 * 1024, `pulled ${counter.pulled}`);
});

test("a declared Content-Length over the limit is refused before the body is read", async () => {
  const { stream, counter } = countingStream();
  const request = new Request("https://gateway.test/webhooks/redo", {
    method: "POST",
    headers: { authorization: `Bearer ${REDO_SECRET}`, "content-length": String(LIMIT + 1) },
    body: stream,
    duplex: "half",
  });
  await assert.rejects(hookgate.readBodyLimited(request, LIMIT), { code: "payload_too_large" });
  // At most what the stream queued on its own before anyone read: nothing was read towards the limit.
  assert.ok(counter.pulled < LIMIT, `pulled ${counter.pulled} bytes before refusing a declared ${LIMIT + 1}`);
});

test("hookgate/hono stops reading a stream with no Content-Length once it passes the limit", async () => {
  const app = new Hono();
  app.post("/webhooks/redo", honoHookgate("redo", { secret: REDO_SECRET, maxBodyBytes: LIMIT }), (c) => c.json({ ok: true }));
  const { stream, counter } = countingStream();
  const response = await app.request(streamedRequest(stream));
  assert.deepEqual([response.status, await response.json()], [413, { error: "payload_too_large" }]);
  assert.ok(counter.pulled <= LIMIT + 64 * 1024, `pulled ${counter.pulled} bytes for a ${LIMIT}-byte limit`);
});

test("a streamed body within the limit still verifies", async () => {
  const body = new TextEncoder().encode('{"type":"created","at":"2026-01-01T00:00:00Z","return":{"id":"r1"}}');
  const stream = new ReadableStream({
    start(controller) {
      controller.enqueue(body.subarray(0, 10));
      controller.enqueue(body.subarray(10));
      controller.close();
    },
  });
  const event = await hookgate.verifyRequest("redo", streamedRequest(stream), { secret: REDO_SECRET });
  assert.equal(event.type, "return.created");
});

test("limit options that are not finite non-negative numbers are a TypeError, never a silent default", async () => {
  const request = { headers: { authorization: `Bearer ${REDO_SECRET}` }, body: "{}" };
  for (const name of ["toleranceSeconds", "maxBodyBytes"]) {
    for (const value of [Number.POSITIVE_INFINITY, Number.NaN, -5, "300", {}]) {
      const options = { secret: REDO_SECRET, [name]: value };
      assert.throws(() => hookgate.verify("redo", request, options), TypeError, `${name}=${String(value)}`);
      assert.throws(() => hookgate.verifyJson("redo", request, options), TypeError);
      assert.throws(() => explain("redo", request, options), TypeError);
      await assert.rejects(
        hookgate.verifyRequest("redo", new Request("https://x.test/", { method: "POST", body: "{}" }), options),
        TypeError,
      );
    }
  }
  // Zero is a real setting: no freshness slack, or no body at all.
  assert.throws(() => hookgate.verify("redo", request, { secret: REDO_SECRET, maxBodyBytes: 0 }), { code: "payload_too_large" });
});

test("the package's defaults are the core's", () => {
  assert.equal(hookgate.DEFAULT_TOLERANCE_SECONDS, 300);
  assert.equal(hookgate.DEFAULT_MAX_BODY_BYTES, 1024 * 1024);
  const body = "x".repeat(hookgate.DEFAULT_MAX_BODY_BYTES + 1);
  assert.throws(() => hookgate.verify("redo", { headers: {}, body }, { secret: REDO_SECRET }), { code: "payload_too_large" });
});

test("a whsec_ key shorter than 16 bytes is no key, and the message says why without the key", () => {
  const body = '{"type":"t"}';
  for (const secret of ["whsec_", "whsec_AA==", "whsec_ZmlmdGVlbi1ieXRlLWtl"]) {
    assert.throws(
      () => hookgate.signHeaders("standard-webhooks", { secret, body }),
      (error) =>
        error.code === "missing_secret" && /at least 16 bytes/.test(error.message) && !error.message.includes(secret.slice(6) || "\0"),
    );
  }
});

test("hookgate/node settles when the client goes away mid-body, instead of waiting forever", async () => {
  const { createServer } = await import("node:http");
  const { connect } = await import("node:net");
  const { createHandler } = await import("hookgate/node");
  let resolve = (/** @type {any} */ _error) => {};
  const failed = new Promise((settle) => {
    resolve = settle;
  });
  const server = createServer(createHandler("redo", { secret: REDO_SECRET, onError: resolve }, () => {}));
  await new Promise((listening) => server.listen(0, "127.0.0.1", listening));
  try {
    const socket = connect(server.address().port, "127.0.0.1");
    await new Promise((connected) => socket.once("connect", connected));
    // Destroy only once the server has the request, so its body read is under way.
    const received = new Promise((arrived) => server.once("request", arrived));
    socket.write(
      `POST /webhooks/redo HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${REDO_SECRET}\r\nContent-Length: 100000\r\n\r\n{"type":`,
    );
    await received;
    socket.destroy();
    const error = await failed;
    assert.equal(error.code, "ECONNRESET");
  } finally {
    server.closeAllConnections();
    await new Promise((closed) => server.close(closed));
  }
});

test("explain shows no part of an expected signature unless showSigning is on", async () => {
  const { createHmac } = await import("node:crypto");
  const now = 1767225600;
  const body = '{"device_return_id":"d1","state":"complete","test":false}';
  const forged = hookgate.signDelivery("reready", { body }, { secret: "the-attackers-secret", timestamp: now });
  const expected = createHmac("sha512", "the-receivers-secret").update(`${now}.${body}`).digest("hex");
  const windows = Array.from({ length: expected.length - 7 }, (_, at) => expected.slice(at, at + 8));
  const quiet = JSON.stringify(explain("reready", forged, { secret: "the-receivers-secret", now }));
  assert.equal(
    windows.find((window) => quiet.includes(window)),
    undefined,
    "8 characters of the expected MAC are shown",
  );
  const shown = JSON.stringify(explain("reready", forged, { secret: "the-receivers-secret", now, showSigning: true }));
  assert.ok(shown.includes(expected), "with showSigning, the expected signature is shown whole");
});
