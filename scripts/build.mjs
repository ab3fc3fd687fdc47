// Builds the npm package into pkg/: the Rust core to wasm, wasm-bindgen's web glue, wasm-opt, then the
// JS entries from pkg-template/ (the CommonJS one bundled by esbuild). Prints the wasm size.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: "inherit" });
const at = (path) => `${root}${path}`;

run("cargo", ["build", "--release", "--target", "wasm32-unknown-unknown", "--features", "wasm"]);
rmSync(at("build/bindgen"), { recursive: true, force: true });
run("wasm-bindgen", [
  "--target", "web", "--out-dir", "build/bindgen", "--out-name", "hookgate", "--no-typescript",
  "target/wasm32-unknown-unknown/release/hookgate.wasm",
]);

rmSync(at("pkg"), { recursive: true, force: true });
mkdirSync(at("pkg"));
// -O3 for speed: the hot path is SHA-2 and JSON scanning; -Oz saves a few KB and costs throughput.
run(at("node_modules/.bin/wasm-opt"), [
  "-O3", "--strip-debug", "--strip-producers", "--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext",
  "build/bindgen/hookgate_bg.wasm", "-o", "pkg/hookgate_bg.wasm",
]);
cpSync(at("build/bindgen/hookgate.js"), at("pkg/hookgate.js"));
// The ES modules ship as written; CommonJS twins are bundled below.
const ES_MODULES = ["api.js", "defaults.js", "fetch.js", "http.js", "handler-options.js", "node.mjs", "workerd.mjs", "browser.mjs", "cli.mjs"];
const SUBPATHS = ["node-http", "express", "fastify", "hono"]; // hookgate/node, /express, /fastify, /hono
for (const file of [...ES_MODULES, ...SUBPATHS.map((name) => `${name}.mjs`)]) {
  cpSync(at(`pkg-template/src/${file}`), at(`pkg/${file}`));
}
cpSync(at("pkg-template/README.md"), at("pkg/README.md"));
const manifest = JSON.parse(readFileSync(at("pkg-template/package.json"), "utf8"));
manifest.version = /^version = "(.*)"$/m.exec(readFileSync(at("Cargo.toml"), "utf8"))[1];
writeFileSync(at("pkg/package.json"), JSON.stringify(manifest, null, 2) + "\n");

await build({
  // Bundled from inside pkg/ so its imports resolve to the files just copied there.
  stdin: { contents: readFileSync(at("pkg-template/src/node-cjs.js"), "utf8"), resolveDir: at("pkg"), sourcefile: "node-cjs.js" },
  outfile: at("pkg/node.cjs"),
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node18",
  logLevel: "warning",
  // wasm-bindgen's default init reads import.meta.url; the CommonJS entry never calls it.
  logOverride: { "empty-import-meta": "silent" },
});

// The provider id union comes from the registry itself, so a new provider needs no edit here.
// The subpaths import "hookgate" and "hookgate/node" by name (the package refers to itself), so their
// CommonJS twins require the one CommonJS core instead of bundling a second copy of the wasm glue.
for (const name of SUBPATHS) {
  await build({
    entryPoints: [at(`pkg/${name}.mjs`)],
    outfile: at(`pkg/${name}.cjs`),
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node18",
    external: ["hookgate", "hookgate/*", "express", "fastify", "hono"],
    logLevel: "warning",
    // A plugin function as module.exports (with .default), as Fastify's CommonJS users register it.
    footer: name === "fastify" ? { js: "module.exports = Object.assign(module.exports.default, { default: module.exports.default });" } : undefined,
  });
}

// The provider id union comes from the registry itself, so a new provider needs no edit here.
const { providers } = await import(`${at("pkg/node.mjs")}?${Date.now()}`);
const ids = providers().map((p) => JSON.stringify(p.id)).join(" | ");
for (const name of ["index", "node-http", "express", "fastify", "hono"]) {
  const types = readFileSync(at(`pkg-template/types/${name}.d.ts`), "utf8").replace("PROVIDER_IDS", ids);
  writeFileSync(at(`pkg/${name}.d.ts`), types);
  writeFileSync(at(`pkg/${name}.d.cts`), types);
}

const wasm = readFileSync(at("pkg/hookgate_bg.wasm"));
console.log(`pkg/hookgate_bg.wasm: ${wasm.length} bytes raw, ${gzipSync(wasm, { level: 9 }).length} bytes gzip`);
statSync(at("pkg/node.cjs"));
