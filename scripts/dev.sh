#!/usr/bin/env bash
# The run command (README): installs what is missing, builds the package and the inspector, then starts
# the gateway in workerd (wrangler dev, 127.0.0.1:8787), the demo origin (127.0.0.1:8788) and the
# inspector as its own static site (127.0.0.1:8789); `--port`, `--origin-port` and `--inspector-port` move
# them. No internet and no Cloudflare account needed. `--durable` runs the durable mode
# (Queues, Durable Objects and R2 in Miniflare), with its state under build/wrangler-state/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH" WRANGLER_SEND_METRICS=false
source scripts/node22.sh
bash scripts/setup.sh
node scripts/build.mjs
node scripts/build-inspector.mjs
exec "$(node22)" scripts/dev.mjs "$@"
