#!/usr/bin/env bash
# Installs what building and testing hookgate needs, skipping whatever is already there:
# the wasm32 Rust target, wasm-bindgen-cli at the version Cargo.toml pins, the npm dev packages
# (esbuild, binaryen's wasm-opt, Miniflare/workerd, a Node 22 binary for Miniflare, playwright-core)
# and Debian's Chromium for the page tests.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

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
  npm ci --no-audit --no-fund
fi

if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium
fi
