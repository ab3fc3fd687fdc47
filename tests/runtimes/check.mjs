// Runs inside Deno or Bun, from a scratch project that has the packed tarball in node_modules
// (runtimes.test.mjs copies it there with vector-check.mjs): reads vectors as JSON from stdin and runs
// each through `verify` in every header and body form and through `verifyRequest` with a real Request,
// then prints one JSON line: the counts, and every outcome that differs from its vector's expectation.
import * as hookgate from "hookgate";
import { optionsOf, problemWith, runAll } from "./vector-check.mjs";

const runtime = globalThis.Deno ? `Deno ${Deno.version.deno}` : `Bun ${Bun.version}`;
const input = globalThis.Deno ? await new Response(Deno.stdin.readable).text() : await Bun.stdin.text();
const vectors = JSON.parse(input);

const { runs: verifyRuns, problems } = runAll(hookgate, vectors);

/** Why a Request cannot carry this vector's URL as it is, or null when it can. */
function uncarried(url) {
  if (url == null) return "no URL";
  let request;
  try {
    request = new Request(url);
  } catch {
    return "a relative URL";
  }
  // A Request normalizes its URL (a default port goes), and URL-signing senders sign it as configured.
  return request.url === url ? null : "a URL a Request rewrites";
}

let requestRuns = 0;
const notCarried = [];
for (const vector of vectors) {
  const { headers, body, url, method = "POST" } = vector.request;
  const reason = uncarried(url);
  if (reason) {
    notCarried.push(`${vector.provider} / ${vector.name}: ${reason}`);
    continue;
  }
  const request = new Request(url, { method, headers, body });
  let outcome;
  try {
    outcome = { event: await hookgate.verifyRequest(vector.provider, request, optionsOf(vector)) };
  } catch (error) {
    outcome = { error };
  }
  requestRuns++;
  const problem = problemWith(vector, outcome);
  if (problem) problems.push(`${vector.provider} / ${vector.name} [verifyRequest]: ${problem}`);
}

// The tools module (signing as a sender) is the second .wasm, loaded on first use from the same folder.
const body = '{"id":"evt_rt","object":"event","type":"charge.refunded","created":1767225600,"data":{"object":{"id":"ch_1"}}}';
const signed = hookgate.signDelivery("stripe", { body, url: "https://runtime.test/" }, { secret: "whsec_runtime", timestamp: 1767225600 });
const signedEvent = hookgate.verify("stripe", signed, { secret: "whsec_runtime", now: 1767225600 });
if (signedEvent.id !== "evt_rt") problems.push(`signDelivery then verify gave ${signedEvent.id}`);

const perProvider = {};
for (const vector of vectors) {
  perProvider[vector.provider] ??= { accept: 0, reject: 0 };
  perProvider[vector.provider][vector.expect.ok ? "accept" : "reject"]++;
}
console.log(JSON.stringify({ runtime, vectors: vectors.length, perProvider, verifyRuns, requestRuns, notCarried, problems }));
