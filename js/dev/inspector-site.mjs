// @ts-check
// The inspector as the static site it is (build/site/, made by scripts/build-inspector.mjs), served on
// loopback for the local run: the gateway serves webhooks only.
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const SITE = fileURLToPath(new URL("../../build/site/", import.meta.url));
/** @type {Record<string, string>} */
const TYPES = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
  ".wasm": "application/wasm",
  ".json": "application/json",
};

/** Serves the site on 127.0.0.1:`port`; resolves to the inspector's URL. @param {number} port */
export function serveInspector(port) {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname));
    if (path === "/") return res.writeHead(302, { location: "/inspector/" }).end();
    if (path.includes("..")) return res.writeHead(404).end();
    const file = join(SITE, path.endsWith("/") ? `${path}index.html` : path);
    try {
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(await readFile(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(`http://127.0.0.1:${port}/inspector/`)));
}
