// A static file server on loopback (port 0) for page tests: serves `routes` ({ urlPrefix: directory })
// and records every request it answers.

import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";

const TYPES = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".css": "text/css",
  ".svg": "image/svg+xml",
};

export async function serveStatic(routes, headers = {}) {
  const requests = [];
  const server = createServer(async (req, res) => {
    const url = decodeURIComponent(new URL(req.url, "http://x").pathname);
    requests.push(url);
    const prefix = Object.keys(routes)
      .sort((a, b) => b.length - a.length)
      .find((p) => url.startsWith(p));
    const relative = prefix === undefined ? null : normalize(url.slice(prefix.length) || "index.html");
    if (relative === null || relative.startsWith("..")) return res.writeHead(404).end();
    const path = join(routes[prefix], relative.endsWith("/") ? `${relative}index.html` : relative);
    try {
      const file = await readFile(path);
      res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream", ...headers }).end(file);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  return { url, requests, close: () => new Promise((resolve) => server.close(resolve)) };
}
