// The gateway's configuration promises, in real workerd: a secret variable is one secret exactly as
// given (rotation is an explicit JSON array), and a value the gateway cannot read is never replaced by a
// default: every delivery gets 503 `gateway_misconfigured` and the log names the variable, never its value.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import * as hookgate from "hookgate";
import { logLines, startDurableGateway, startGateway, waitFor } from "./gateway-harness.mjs";
import { startOrigin } from "./test-origin.mjs";
import { ACME, samples } from "./vectors.mjs";

const FORWARD_SECRET = "whsec_Zm9yd2FyZC1zZWNyZXQtZm9yLXRlc3Rz";
const REDO_BODY = '{"type":"created","at":"2026-01-01T00:00:00Z","return":{"id":"r1"}}';
const redo = (token, path = "/webhooks/redo") => [path, { headers: { authorization: `Bearer ${token}` }, body: REDO_BODY }];

let origin;
before(async () => {
  origin = await startOrigin(FORWARD_SECRET);
});
after(() => origin?.close());

const baseVars = () => ({ ORIGIN_URL: origin.url, FORWARD_SECRET });

describe("a provider declared in PROVIDERS is served like a built-in one", () => {
  let gateway;
  const ACME_BODY = JSON.stringify({ event_id: "ev_42", kind: "order.paid", created_at: "2026-12-05T03:00:00Z", data: { id: "o_9" } });
  const acme = (secret, path = "/webhooks/acme") => {
    const { headers } = hookgate.signDelivery(ACME, { body: ACME_BODY }, { secret, timestamp: Math.floor(Date.now() / 1000), id: "d-1" });
    return [path, { headers, body: ACME_BODY }];
  };
  before(async () => {
    gateway = await startGateway({
      ...baseVars(),
      PROVIDERS: JSON.stringify([ACME]),
      ACME_SECRET: "acme-secret",
      ACME_EU_SECRET: "acme-eu",
    });
  });
  after(() => gateway?.dispose());

  test("verified with ACME_SECRET, normalized as declared and forwarded", async () => {
    const before = origin.received.length;
    const answer = await gateway.send(...acme("acme-secret"));
    assert.deepEqual([answer.status, answer.body], [200, { ok: true, id: "ev_42" }]);
    const forwarded = origin.received.at(-1);
    assert.equal(origin.received.length, before + 1);
    assert.ok(forwarded.verified, "signed for the origin");
    const event = JSON.parse(forwarded.body);
    assert.deepEqual(
      [event.provider, event.id, event.type, event.occurredAt, event.subject.id],
      ["acme", "ev_42", "order.paid", "2026-12-05T03:00:00Z", "o_9"],
    );
    assert.equal(forwarded.headers["hookgate-provider"], "acme");
  });

  test("another secret, or a named endpoint's, is refused; the named endpoint takes its own", async () => {
    assert.deepEqual((await gateway.send(...acme("not-acme"))).body, { error: "signature_mismatch" });
    assert.equal((await gateway.send(...acme("acme-eu"))).status, 401);
    assert.equal((await gateway.send(...acme("acme-eu", "/webhooks/acme/eu"))).status, 200);
  });

  test("a declaration signing the URL takes <ID>_PUBLIC_URL in place of the URL received", async () => {
    const urlSigner = { ...ACME, credential: { ...ACME.credential, signed: "{url}.{t}.{body}" } };
    const publicUrl = "https://hooks.example.com/in/acme";
    const withPublicUrl = await startGateway({
      ...baseVars(),
      PROVIDERS: JSON.stringify([urlSigner]),
      ACME_SECRET: "acme-secret",
      ACME_PUBLIC_URL: publicUrl,
    });
    try {
      const timestamp = Math.floor(Date.now() / 1000);
      const { headers } = hookgate.signDelivery(
        urlSigner,
        { body: ACME_BODY, url: publicUrl },
        { secret: "acme-secret", timestamp, id: "d-2" },
      );
      const answer = await withPublicUrl.send("/webhooks/acme", { headers, body: ACME_BODY });
      assert.equal(answer.status, 200, answer.text);
    } finally {
      await withPublicUrl.dispose();
    }
  });

  test("/healthz lists it among the configured endpoints", async () => {
    const health = await (await gateway.mf.dispatchFetch("http://gateway.test/healthz")).json();
    assert.ok(health.providers.includes("acme") && health.providers.includes("acme/eu"), JSON.stringify(health));
  });
});

describe("secrets are taken exactly as given", () => {
  let gateway;
  before(async () => {
    gateway = await startGateway({ ...baseVars(), REDO_SECRET: " Zq8#,k\n", REDO_EU_SECRET: '["old-eu", "new-eu"]' });
  });
  after(() => gateway?.dispose());

  test("a secret holding a comma is one secret: neither half is accepted", async () => {
    for (const half of ["Zq8#", "k"]) {
      const answer = await gateway.send(...redo(half));
      assert.deepEqual([answer.status, answer.body], [401, { error: "signature_mismatch" }], half);
    }
    const whole = await gateway.send(...redo("Zq8#,k"));
    assert.equal(whole.status, 200, whole.text);
  });

  test("a value starting with [ is a JSON array of secrets: each is accepted, the text itself is not", async () => {
    for (const token of ["old-eu", "new-eu"]) assert.equal((await gateway.send(...redo(token, "/webhooks/redo/eu"))).status, 200, token);
    const literal = await gateway.send(...redo('["old-eu", "new-eu"]', "/webhooks/redo/eu"));
    assert.equal(literal.status, 401);
  });
});

describe("configuration that cannot be read stops the gateway, loudly", () => {
  const cases = {
    "TOLERANCE_SECONDS=Infinity": { TOLERANCE_SECONDS: "Infinity" },
    "TOLERANCE_SECONDS=abc": { TOLERANCE_SECONDS: "abc" },
    "TOLERANCE_SECONDS=-5": { TOLERANCE_SECONDS: "-5" },
    "TOLERANCE_SECONDS empty": { TOLERANCE_SECONDS: "" },
    "MAX_BODY_BYTES=lots": { MAX_BODY_BYTES: "lots" },
    "ORIGIN_TIMEOUT_MS=soon": { ORIGIN_TIMEOUT_MS: "soon" },
    "HMAC_HMAC_SCHEME not JSON": { HMAC_HMAC_SCHEME: '{"header": "x-sig"' },
    "REDO_SECRET an unreadable array": { REDO_SECRET: '["unterminated' },
    "FORWARD_SECRET whsec_ alone": { FORWARD_SECRET: "whsec_" },
    "FORWARD_SECRET a 1-byte key": { FORWARD_SECRET: "whsec_AA==" },
    "ORIGIN_URL not a URL": { ORIGIN_URL: "origin.internal/events" },
    "ORIGIN_URL with credentials": { ORIGIN_URL: "https://user:pass@origin.test/events" },
    "SQUARE_PUBLIC_URL a path, not a URL": { SQUARE_PUBLIC_URL: "/webhooks/square" },
    "SQUARE_PUBLIC_URL with a query": { SQUARE_PUBLIC_URL: "https://hooks.example.com/webhooks/square?x=1" },
    // A public URL stands for what a signature over the URL checks: for a provider whose credential
    // does not cover the URL it would stand for nothing (a token written into it would be accepted for
    // every request), so it is refused.
    "RETURNS_CLOUD_PUBLIC_URL (returns.cloud signs no URL)": {
      RETURNS_CLOUD_PUBLIC_URL: "https://hooks.example.com/webhooks/returns-cloud",
    },
    "REDO_PUBLIC_URL (Redo signs no URL)": { REDO_PUBLIC_URL: "https://hooks.example.com/webhooks/redo" },
    // Every number's upper and lower bound.
    "TOLERANCE_SECONDS=86401": { TOLERANCE_SECONDS: "86401" },
    "MAX_BODY_BYTES=0": { MAX_BODY_BYTES: "0" },
    "MAX_BODY_BYTES=1048577 (past what an origin takes by default)": { MAX_BODY_BYTES: "1048577" },
    "MAX_BODY_BYTES=10^12": { MAX_BODY_BYTES: "1000000000000" },
    "ORIGIN_TIMEOUT_MS=0": { ORIGIN_TIMEOUT_MS: "0" },
    "ORIGIN_TIMEOUT_MS=900001": { ORIGIN_TIMEOUT_MS: "900001" },
    "DELIVERY=fast": { DELIVERY: "fast" },
    // Declared providers: each is checked when the configuration is read.
    "PROVIDERS not JSON": { PROVIDERS: '[{"id": "acme"' },
    "PROVIDERS an object, not an array": { PROVIDERS: JSON.stringify(ACME) },
    "PROVIDERS with an unknown algorithm": {
      PROVIDERS: JSON.stringify([{ ...ACME, credential: { ...ACME.credential, algorithm: "md5" } }]),
    },
    "PROVIDERS taking a built-in's id": { PROVIDERS: JSON.stringify([{ ...ACME, id: "stripe" }]) },
    "PROVIDERS declaring one id twice": { PROVIDERS: JSON.stringify([ACME, ACME]) },
    "ACME_PUBLIC_URL (the declared acme signs no URL)": {
      ACME_PUBLIC_URL: "https://hooks.example.com/webhooks/acme",
      PROVIDERS: JSON.stringify([ACME]),
    },
  };
  for (const [name, vars] of Object.entries(cases)) {
    test(`${name}: 503 gateway_misconfigured for every delivery, one log line naming the variable`, async () => {
      const gateway = await startGateway({ ...baseVars(), REDO_SECRET: "redo-secret", ...vars });
      try {
        const before = origin.received.length;
        const token = vars.REDO_SECRET ?? "redo-secret";
        for (let i = 0; i < 3; i++) {
          const answer = await gateway.send(...redo(token));
          assert.deepEqual([answer.status, answer.body], [503, { error: "gateway_misconfigured" }]);
        }
        const health = await gateway.mf.dispatchFetch("http://gateway.test/healthz");
        assert.equal(health.status, 503);
        assert.equal(origin.received.length, before, "nothing reached the origin");
        const [variable] = Object.keys(vars);
        await waitFor(() => logLines(gateway.logs).some((line) => line.error === "gateway_misconfigured"));
        const reports = logLines(gateway.logs).filter((line) => line.error === "gateway_misconfigured");
        assert.equal(reports.length, 1, "logged once per isolate");
        assert.deepEqual(reports[0].variables, [variable]);
        // What is wrong with a declaration is said (a field, never a value: declarations hold no secret).
        if (variable === "PROVIDERS") assert.match(reports[0].reasons.PROVIDERS, /JSON|array|algorithm|built-in|twice/);
        const printed = gateway.logs.join("") + (await health.text());
        const value = String(vars[variable]);
        if (value.length > 6) assert.ok(!printed.includes(value), "the value is never printed");
      } finally {
        await gateway.dispose();
      }
    });
  }

  test("durable mode's numbers out of range: 503, /healthz and the log name the variable", async () => {
    const cases = {
      RETRY_BASE_SECONDS: ["0", "43201"],
      RETRY_MAX_SECONDS: ["0", "43201", "5"], // 5: below RETRY_BASE_SECONDS
      DEDUP_WINDOW_SECONDS: ["0", "2678401"],
      ARCHIVE_DAYS: ["0", "367", "a week"],
    };
    for (const [name, values] of Object.entries(cases)) {
      for (const value of values) {
        const gateway = await startDurableGateway({ ...baseVars(), REDO_SECRET: "redo-secret", RETRY_BASE_SECONDS: "10", [name]: value });
        try {
          const answer = await gateway.send(...redo("redo-secret"));
          assert.deepEqual([answer.status, answer.body], [503, { error: "gateway_misconfigured" }], `${name}=${value}`);
          const health = await (await gateway.mf.dispatchFetch("http://gateway.test/healthz")).json();
          assert.deepEqual(health.variables, [name], `${name}=${value}`);
        } finally {
          await gateway.dispose();
        }
      }
    }
  });

  test("durable mode without its bindings: 503, the log names each missing binding", async () => {
    const gateway = await startGateway({ ...baseVars(), REDO_SECRET: "redo-secret", DELIVERY: "queue" });
    try {
      assert.deepEqual((await gateway.send(...redo("redo-secret"))).body, { error: "gateway_misconfigured" });
      await waitFor(() => logLines(gateway.logs).some((line) => line.error === "gateway_misconfigured"));
      const [report] = logLines(gateway.logs).filter((line) => line.error === "gateway_misconfigured");
      assert.deepEqual(report.variables, ["ARCHIVE", "DEDUP", "DELIVERIES"]);
    } finally {
      await gateway.dispose();
    }
  });

  test("a public URL replaces the origin and path received and keeps the query received", async () => {
    // Square signs the URL it called: behind another hostname, only the public URL verifies.
    const gateway = await startGateway({
      ...baseVars(),
      SQUARE_SECRET: "sq-key",
      SQUARE_PUBLIC_URL: "https://hooks.example.com/in/square",
    });
    try {
      const body = samples().square.body;
      const signed = hookgate.signDelivery("square", { body, url: "https://hooks.example.com/in/square?shop=1" }, { secret: "sq-key" });
      const answer = await gateway.send("/webhooks/square?shop=1", { headers: signed.headers, body });
      assert.equal(answer.status, 200, answer.text);
      const otherQuery = await gateway.send("/webhooks/square?shop=2", { headers: signed.headers, body });
      assert.equal(otherQuery.status, 401, "the query is the one received, so a changed one does not verify");
    } finally {
      await gateway.dispose();
    }
  });

  test("sane values and absent variables are taken", async () => {
    const gateway = await startGateway({
      ...baseVars(),
      REDO_SECRET: "redo-secret",
      TOLERANCE_SECONDS: "0",
      MAX_BODY_BYTES: "2048",
      ORIGIN_TIMEOUT_MS: " 1500 ",
    });
    try {
      assert.equal((await gateway.send(...redo("redo-secret"))).status, 200);
      const large = await gateway.send("/webhooks/redo", { headers: { authorization: "Bearer redo-secret" }, body: "x".repeat(2049) });
      assert.equal(large.status, 413);
    } finally {
      await gateway.dispose();
    }
  });
});

describe("hygiene under hostile paths and payloads", () => {
  let gateway;
  before(async () => {
    gateway = await startGateway({ ...baseVars(), REDO_SECRET: "redo-secret", BABACK_SECRET: "baback-topsecret" });
  });
  after(() => gateway?.dispose());

  test("requests to endless unconfigured endpoint names do not grow the warnings without bound", async () => {
    for (let i = 0; i < 200; i++) {
      const answer = await gateway.send(...redo("redo-secret", `/webhooks/redo/random-${i}`));
      assert.equal(answer.status, 503);
    }
    await waitFor(() => logLines(gateway.logs).filter((line) => "outcome" in line).length >= 200);
    const warnings = logLines(gateway.logs).filter((line) => line.warning);
    assert.ok(warnings.length > 0 && warnings.length <= 64, `${warnings.length} warnings`);
  });

  test("no escaped spelling of Baback's secret reaches what the origin's JSON.parse decodes", async () => {
    // The secret goes into the sample's text by hand: signDelivery's JSON.stringify would undo the escapes.
    const sample = samples().baback.body.replace('"secret":""', '"secret":"baback-topsecret"');
    // Each hides the secret behind escapes serde_json would refuse or not look into: a lone surrogate
    // before an escaped letter, inside arrays, in a key.
    const hiding = [
      '"note":"\\ud800\\u0062aback-topsecret"',
      '"notes":["x",{"deep":["\\udc00\\u0062\\u0061back-topsecret"]}]',
      '"\\ud83d\\u0062aback-topsecret":1',
    ];
    for (const member of hiding) {
      const body = sample.replace('"action":', `${member},"action":`);
      const before = origin.received.length;
      const answer = await gateway.send("/webhooks/baback", { headers: { "content-type": "application/json" }, body });
      if (answer.status === 200) {
        const event = JSON.parse(origin.received.at(-1).body);
        assert.ok(!strings(event).some((text) => text.includes("baback-topsecret")), member);
      } else {
        // Refused outright: the secret repeated elsewhere, or a key JSON cannot hold as text.
        assert.equal(answer.status, 400, member);
        assert.ok(["invalid_payload", "invalid_json"].includes(answer.body.error), answer.text);
        assert.equal(origin.received.length, before);
      }
    }
  });
});

/** Every string in a parsed JSON value, keys included. */
function strings(value) {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === "object") return Object.entries(value).flatMap(([key, item]) => [key, ...strings(item)]);
  return [];
}
