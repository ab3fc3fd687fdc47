#!/usr/bin/env bash
# Installs what building and testing hookgate needs, skipping whatever is already there: rustfmt,
# clippy and the wasm32 Rust target, wasm-bindgen-cli at the version Cargo.toml pins (with its test
# runner), the npm dev packages (esbuild, binaryen's wasm-opt, wrangler/Miniflare, Biome, TypeScript,
# playwright-core, and on Linux x64 a Node 22 binary for Miniflare and Deno and Bun for the runtime tests),
# and a Chromium for the page tests when none is installed (Debian's package, where apt-get exists).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

command -v cargo >/dev/null || { echo "Rust is needed: install it with rustup (https://rustup.rs)" >&2; exit 1; }
command -v npm >/dev/null || { echo "Node.js 20+ with npm is needed (https://nodejs.org)" >&2; exit 1; }

for component in rustfmt clippy; do
  rustup component list --installed | grep -q "^$component" || rustup component add "$component"
done

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

bindgen_version=$(sed -n 's/^wasm-bindgen = { version = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
if [ "$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2)" != "$bindgen_version" ]; then
  # No --locked: the registry snapshot here lacks one of the CLI's locked dependencies.
  cargo install wasm-bindgen-cli --version "=$bindgen_version"
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  if [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 22 ]; then
    # On an older Node, npm warns (EBADENGINE, five lines each) for every package that declares Node >= 22:
    # about thirty lines that say nothing to act on, so one line says why instead.
    echo "setup: npm's EBADENGINE warnings are left out: wrangler, Miniflare and the bench's svix want Node >= 22 and the scripts run them with it (scripts/node22.sh); cookie 2, under fastify, declares it too and the tests show it works on $(node --version)"
    npm ci --no-audit --no-fund 2>&1 | { grep -v EBADENGINE || true; }
  else
    npm ci --no-audit --no-fund
  fi
fi

if ! node scripts/find-chromium.mjs >/dev/null 2>&1; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium
  else
    node scripts/find-chromium.mjs # says what to install
    exit 1
  fi
fi
