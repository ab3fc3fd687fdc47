// The package as shipped (pkg/, built first by `npm run build`), with one difference: its core module is
// built with the `bench` feature, which adds a benchmark-only export (the HMACs alone, the floor a
// delivery cannot go under). Written to build/bench-pkg/; returns the package and that export.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: ["ignore", "ignore", "inherit"] });

export async function benchPackage() {
  const out = `${root}build/bench-pkg/`;
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  cpSync(`${root}pkg/`, out, { recursive: true });
  const features = ["--no-default-features", "--features", "wasm,bench", "--target-dir", "target/bench"];
  run("cargo", ["build", "--release", "--target", "wasm32-unknown-unknown", ...features]);
  const wasm = `${root}target/bench/wasm32-unknown-unknown/release/hookgate.wasm`;
  run("wasm-bindgen", ["--target", "web", "--out-dir", "build/bench-bindgen", "--out-name", "hookgate", "--no-typescript", wasm]);
  const flags = ["--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext", "--enable-simd"];
  run(`${root}node_modules/.bin/wasm-opt`, [
    "-O3",
    "--strip-debug",
    "--strip-producers",
    ...flags,
    "build/bench-bindgen/hookgate_bg.wasm",
    "-o",
    `${out}hookgate_bg.wasm`,
  ]);
  cpSync(`${root}build/bench-bindgen/hookgate.js`, `${out}hookgate.js`);
  const hookgate = await import(`${out}node.mjs`);
  const glue = await import(`${out}hookgate.js`);
  const { createBoundary } = await import(`${out}boundary.js`);
  return { hookgate, glue, boundary: createBoundary(glue), namedWasm: readFileSync(wasm) };
}
