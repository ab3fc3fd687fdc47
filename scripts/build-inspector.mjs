// Builds the inspector as a static folder, build/site/inspector/ (served at /inspector by the gateway;
// copy the folder to any static host): index.html, base.css (the look it shares with the console), style.css, and inspector.js bundled by esbuild with
// hookgate/explain and its wasm module inlined as base64, so the page's Content-Security-Policy can
// forbid every connection (connect-src 'none'). The samples are each provider's documented delivery
// from tests/vectors/<provider>.json.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const out = `${root}build/site/inspector/`;
const generated = `${root}build/inspector-src/`;
rmSync(out, { recursive: true, force: true });
rmSync(generated, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
mkdirSync(generated, { recursive: true });

for (const file of ["index.html", "style.css"]) cpSync(`${root}js/inspector/${file}`, `${out}${file}`);
cpSync(`${root}js/style/base.css`, `${out}base.css`);

const wasm = readFileSync(`${root}pkg/hookgate_explain_bg.wasm`).toString("base64");
writeFileSync(
  `${generated}hookgate.mjs`,
  `// The inspector's hookgate: hookgate/explain with its module compiled from inlined bytes.
import { initSync } from "${root}pkg/hookgate_explain.js";

initSync({ module: Uint8Array.from(atob("${wasm}"), (c) => c.charCodeAt(0)) });

export * from "${root}pkg/explain.js";
`,
);
const samples = Object.fromEntries(
  readdirSync(`${root}tests/vectors`)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => [f.replace(/\.json$/, ""), JSON.parse(readFileSync(`${root}tests/vectors/${f}`, "utf8")).sample]),
);
writeFileSync(`${generated}samples.js`, `export const samples = ${JSON.stringify(samples)};\n`);

/** The page's imports of hookgate/explain and the samples resolve to the generated modules above. */
const generatedModules = {
  name: "inspector-generated",
  setup(esbuild) {
    esbuild.onResolve({ filter: /^hookgate\/explain$/ }, () => ({ path: `${generated}hookgate.mjs` }));
    esbuild.onResolve({ filter: /^\.\/samples\.js$/ }, () => ({ path: `${generated}samples.js` }));
  },
};
await build({
  entryPoints: [`${root}js/inspector/inspector.js`],
  bundle: true,
  format: "esm",
  target: "es2022",
  outfile: `${out}inspector.js`,
  plugins: [generatedModules],
  logLevel: "warning",
});
console.log(`build/site/inspector/: ${readdirSync(out).join(", ")}`);
