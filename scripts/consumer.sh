#!/usr/bin/env bash
# The consumer test (part of scripts/test.sh): `npm pack` the built package, install the tarball into a
# scratch project outside the repo with real express, fastify and hono, and use it there as a user
# would: require() and import, strict TypeScript (node16 and bundler), the README's framework examples as
# real servers, and esbuild bundles for a browser page and a Hono Worker (run by tests/js/consumer.test.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

mkdir -p build
rm -f build/hookgate-*.tgz
tarball="$root/build/$(cd pkg && npm pack --silent --pack-destination "$root/build" | tail -n 1)"
consumer=$(mktemp -d /tmp/hookgate-consumer.XXXXXX)
echo "consumer project: $consumer"
cp -r tests/consumer/. "$consumer/"
mkdir -p "$consumer/examples"
cp js/examples/*.mjs "$consumer/examples/"
cd "$consumer"
npm install --no-audit --no-fund --prefer-offline --loglevel=error
npm install --no-audit --no-fund --prefer-offline --loglevel=error --no-save "$tarball"

node --no-experimental-require-module require.cjs
node import.mjs
node_modules/.bin/tsc -p tsconfig.node16.json
node_modules/.bin/tsc -p tsconfig.bundler.json
node_modules/.bin/esbuild browser-entry.mjs --bundle --format=esm --outdir=bundles/browser --log-level=warning
# esbuild does not follow `new URL("./hookgate_bg.wasm", import.meta.url)`: the wasm files go beside the bundle.
cp node_modules/hookgate/*.wasm bundles/browser/
for worker in hono-worker.mjs examples/worker.mjs; do
  node_modules/.bin/esbuild "$worker" --bundle --format=esm --outdir=bundles/worker --conditions=workerd,worker,browser --loader:.wasm=copy --log-level=warning
done
node_modules/.bin/hookgate --help | grep -q "Usage: hookgate" # the bin works from the tarball
node --test frameworks.test.mjs
echo "$consumer" > "$root/build/consumer-path"
