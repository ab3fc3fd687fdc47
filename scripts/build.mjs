// Builds the npm package into pkg/: the Rust core to wasm twice (the Worker-sized core, and the module
// with `explain` that hookgate/explain loads), wasm-bindgen's web glue, wasm-opt, then the JS entries from
// pkg-template/ (the CommonJS ones bundled by esbuild) and the types. Prints each wasm's size.
// `--bench` adds the benchmark-only HMAC export to the core module.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: "inherit" });
const at = (path) => `${root}${path}`;
const bench = process.argv.includes("--bench");

/** The two modules: the core every entry loads, and the one with `explain` (a superset). */
const MODULES = [
  { name: "hookgate", features: bench ? "wasm,bench" : "wasm" },
  { name: "hookgate_explain", features: "wasm,explain" },
];

rmSync(at("pkg"), { recursive: true, force: true });
mkdirSync(at("pkg"));
for (const { name, features } of MODULES) {
  run("cargo", ["build", "--release", "--target", "wasm32-unknown-unknown", "--no-default-features", "--features", features]);
  rmSync(at("build/bindgen"), { recursive: true, force: true });
  run("wasm-bindgen", [
    "--target",
    "web",
    "--out-dir",
    "build/bindgen",
    "--out-name",
    name,
    "--no-typescript",
    "target/wasm32-unknown-unknown/release/hookgate.wasm",
  ]);
  // -O3 for speed: the hot path is SHA-2 and JSON scanning; -Oz saves a few KB and costs throughput.
  run(at("node_modules/.bin/wasm-opt"), [
    "-O3",
    "--strip-debug",
    "--strip-producers",
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-simd",
    `build/bindgen/${name}_bg.wasm`,
    "-o",
    `pkg/${name}_bg.wasm`,
  ]);
  cpSync(at(`build/bindgen/${name}.js`), at(`pkg/${name}.js`));
}

// The ES modules ship as written; the CommonJS twins are bundled below.
const SOURCES = readdirSync(at("pkg-template/src")).filter((file) => !file.endsWith("-cjs.js"));
for (const file of SOURCES) cpSync(at(`pkg-template/src/${file}`), at(`pkg/${file}`));
cpSync(at("pkg-template/README.md"), at("pkg/README.md"));
cpSync(at("LICENSE"), at("pkg/LICENSE"));
const manifest = JSON.parse(readFileSync(at("pkg-template/package.json"), "utf8"));
manifest.version = /^version = "(.*)"$/m.exec(readFileSync(at("Cargo.toml"), "utf8"))[1];
writeFileSync(at("pkg/package.json"), `${JSON.stringify(manifest, null, 2)}\n`);

// The registry as data (pkg/registry.js): the tools module describes every provider once, here, so that
// the core module need not carry the prose.
const toolsGlue = await import(`${at("pkg/hookgate_explain.js")}?${Date.now()}`);
toolsGlue.initSync({ module: readFileSync(at("pkg/hookgate_explain_bg.wasm")) });
const { createBoundary, text } = await import(`${at("pkg/boundary.js")}?${Date.now()}`);
toolsGlue.providers();
const registry = JSON.parse(text(createBoundary(toolsGlue).answer(null).main));
writeFileSync(
  at("pkg/registry.js"),
  `// @ts-check\n// Written by scripts/build.mjs from the core's description of each provider (src/providers/).\n\n/** @type {readonly import("./index.js").ProviderDescription[]} */\nexport const REGISTRY = ${JSON.stringify(registry, null, 1)};\n`,
);

const cjs = { bundle: true, platform: "node", format: "cjs", target: "node18", logLevel: "warning" };
// The two CommonJS cores, bundled from inside pkg/ so their imports resolve to the files just copied.
// wasm-bindgen's default init reads import.meta.url; the CommonJS entries never call it.
for (const [source, out] of [
  ["node-cjs.js", "node.cjs"],
  ["explain-node-cjs.js", "explain.cjs"],
]) {
  await build({
    ...cjs,
    stdin: { contents: readFileSync(at(`pkg-template/src/${source}`), "utf8"), resolveDir: at("pkg"), sourcefile: source },
    outfile: at(`pkg/${out}`),
    logOverride: { "empty-import-meta": "silent" },
  });
}
// The subpaths import "hookgate" and "hookgate/node" by name (the package refers to itself), so their
// CommonJS twins require the one CommonJS core instead of bundling a second copy of the wasm glue.
const SUBPATHS = ["node-http", "express", "fastify", "hono"];
for (const name of SUBPATHS) {
  await build({
    ...cjs,
    entryPoints: [at(`pkg/${name}.mjs`)],
    outfile: at(`pkg/${name}.cjs`),
    external: ["hookgate", "hookgate/*", "express", "fastify", "hono"],
    // A plugin function as module.exports (with .default), as Fastify's CommonJS users register it.
    footer:
      name === "fastify"
        ? { js: "module.exports = Object.assign(module.exports.default, { default: module.exports.default });" }
        : undefined,
  });
}

// node_modules/hookgate -> pkg/, so the tests, the gateway and the examples import "hookgate" through the
// package's own exports map, as users do. The one place this link is made: npm's workspaces and file:
// dependencies would need pkg/package.json at `npm ci` time, before this build (which needs npm's
// esbuild and wasm-opt) has written it.
rmSync(at("node_modules/hookgate"), { recursive: true, force: true });
symlinkSync("../pkg", at("node_modules/hookgate"), "dir");

// The provider id union comes from the registry itself, so a new provider needs no edit here.
const ids = registry.map((/** @type {{ id: string }} */ p) => JSON.stringify(p.id)).join(" | ");
for (const name of ["index", "node-http", "express", "fastify", "hono", "explain"]) {
  const types = readFileSync(at(`pkg-template/types/${name}.d.ts`), "utf8").replace("PROVIDER_IDS", ids);
  writeFileSync(at(`pkg/${name}.d.ts`), types);
  writeFileSync(at(`pkg/${name}.d.cts`), types);
}

for (const { name } of MODULES) {
  const wasm = readFileSync(at(`pkg/${name}_bg.wasm`));
  console.log(`pkg/${name}_bg.wasm: ${wasm.length} bytes raw, ${gzipSync(wasm, { level: 9 }).length} bytes gzip`);
}
