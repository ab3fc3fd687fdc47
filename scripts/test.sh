#!/usr/bin/env bash
# The one test command (README, CI): installs what is missing, builds the package into pkg/, then runs
# the Rust tests and the vectors through every entry of the built package: Node ESM, Node CommonJS
# (without require(esm), as on Node 18), workerd (Miniflare) and a browser page (Chromium); then the
# gateway Worker in workerd in front of a real origin, the CLI, and the packed tarball as a user installs it.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH" WRANGLER_SEND_METRICS=false

source scripts/node22.sh
bash scripts/setup.sh
node22=$(node22) # wrangler and Miniflare need Node >= 22; the system Node may be 20

cargo fmt --check
cargo clippy --all-targets --all-features --quiet -- -D warnings
cargo clippy --no-default-features --all-targets --quiet -- -D warnings # the crate as a Rust user builds it
# The published crate holds the sources, the declarations and its docs, nothing else.
crate_files=$(cargo package --list --allow-dirty --quiet)
extra=$(grep -vxE '\.cargo_vcs_info\.json|Cargo\.(toml|toml\.orig|lock)|LICENSE|README\.md|build\.rs|docs/rust\.md|src/.+\.(rs|json)' <<<"$crate_files" || true)
if [ -n "$extra" ]; then echo "files the crate should not ship:"; echo "$extra"; exit 1; fi
node_modules/.bin/biome ci . # the JS: formatted and linted
cargo test --quiet --all-features # unit tests, vectors, properties (proptest), hostile input, fuzz replay, doctests
cargo test --target wasm32-unknown-unknown --lib # the same unit and property tests as wasm32 + SIMD, under Node
node scripts/build.mjs
node scripts/build-inspector.mjs

node scripts/docs.mjs # the docs' provider tables, examples and file lists match the code
node_modules/.bin/tsc -p tsconfig.json # the JS (// @ts-check) against the published types
node_modules/.bin/tsc -p tests/types/tsconfig.worker.json # the gateway against the Workers runtime types
node_modules/.bin/tsc -p tests/types/tsconfig.json # the published types, used under strict
node --test tests/js/esm.test.mjs
node --no-experimental-require-module --test tests/js/cjs.test.cjs
node --test tests/js/cli.test.mjs tests/js/cli-docs.test.mjs tests/js/cli-roundtrip.test.mjs tests/js/declared.test.mjs tests/js/frame.test.mjs tests/js/memory.test.mjs tests/js/promises.test.mjs tests/js/provider-sdks.test.mjs
"$node22" --test tests/js/workerd.test.mjs
# The gateway as deployed, in both modes (wrangler.toml's default and its [env.durable]).
"$node22" node_modules/wrangler/bin/wrangler.js deploy --dry-run --outdir build/gateway-bundle >/dev/null
"$node22" node_modules/wrangler/bin/wrangler.js deploy --dry-run --env durable --outdir build/gateway-durable >/dev/null
"$node22" --test tests/js/gateway.test.mjs tests/js/gateway-config.test.mjs tests/js/gateway-routes.test.mjs tests/js/gateway-durable.test.mjs tests/js/gateway-durable-faults.test.mjs tests/js/gateway-admin.test.mjs
"$node22" --test tests/js/dev.test.mjs # the local run: bash scripts/dev.sh after its setup and build
bash scripts/consumer.sh # the packed tarball in a scratch project: require, import, types, frameworks
"$node22" --test tests/js/consumer.test.mjs
"$node22" --test tests/runtimes/*.test.mjs # Deno, Bun and a fresh Worker project, from the tarball
node --test tests/js/browser.test.mjs tests/js/inspector.test.mjs
"$node22" --test tests/js/console.test.mjs # the operator's console in Chromium, against durable mode in Miniflare
