// Builds the inspector as a static folder, build/site/inspector/ (served at /inspector by the local
// run command; copy the folder to any static host). The wasm module is inlined as base64 so the page's
// Content-Security-Policy can forbid every connection (connect-src 'none'); the samples are each
// provider's documented delivery from tests/vectors/<provider>.json.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const out = `${root}build/site/inspector/`;
rmSync(out, { recursive: true, force: true });
mkdirSync(`${out}hookgate`, { recursive: true });

for (const file of ["index.html", "style.css", "inspector.js", "raw-request.js"]) cpSync(`${root}js/inspector/${file}`, `${out}${file}`);
for (const file of ["hookgate.js", "api.js", "defaults.js"]) cpSync(`${root}pkg/${file}`, `${out}hookgate/${file}`);
const wasm = readFileSync(`${root}pkg/hookgate_bg.wasm`).toString("base64");
writeFileSync(`${out}hookgate/wasm.js`, `// hookgate_bg.wasm, inlined so that the page needs no connection.\nexport const wasmBase64 = "${wasm}";\n`);
writeFileSync(`${out}hookgate.mjs`, `// The inspector's hookgate entry: the package's glue, the module compiled from the inlined bytes.
import { initSync } from "./hookgate/hookgate.js";
import { wasmBase64 } from "./hookgate/wasm.js";

initSync({ module: Uint8Array.from(atob(wasmBase64), (c) => c.charCodeAt(0)) });

export * from "./hookgate/api.js";
`);
const samples = Object.fromEntries(
  readdirSync(`${root}tests/vectors`).filter((f) => f.endsWith(".json")).sort()
    .map((f) => [f.replace(/\.json$/, ""), JSON.parse(readFileSync(`${root}tests/vectors/${f}`, "utf8")).sample]),
);
writeFileSync(`${out}samples.js`, `// Each provider's documented sample delivery, unsigned (from tests/vectors/<provider>.json).\nexport const samples = ${JSON.stringify(samples, null, 1)};\n`);
console.log(`build/site/inspector/: ${readdirSync(out).length} entries`);
