// The modules' sizes as shipped, the wasm inside the gateway Worker's bundle (what `wrangler deploy`
// uploads), cold start, and what each provider costs: its declaration's bytes as the core embeds it, and
// the interpreter's code (read from the name section of the unstripped build).
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = fileURLToPath(new URL("..", import.meta.url));
const gzip = (/** @type {Uint8Array} */ bytes) => gzipSync(bytes, { level: 9 }).length;

/** The wasm a Worker ships, gzip -9, with every built-in provider (#25). */
export const WORKER_WASM_BUDGET = 64 * 1024;

/** Reads an unsigned LEB128 at `at`; returns [value, next offset]. @param {Uint8Array} b @param {number} at */
function leb(b, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = b[at++];
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, at];
    shift += 7;
  }
}

/** Each defined function's name and body size, from a module's code and name sections. @param {Uint8Array} wasm */
export function functionSizes(wasm) {
  let imported = 0;
  /** @type {number[]} */
  const bodies = [];
  /** @type {Map<number, string>} */
  const names = new Map();
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, start] = leb(wasm, at + 1);
    const end = start + size;
    if (id === 2) {
      // Imports: functions among them take the first indices.
      let [count, p] = leb(wasm, start);
      for (; count > 0; count--) {
        for (let field = 0; field < 2; field++) {
          const [length, q] = leb(wasm, p);
          p = q + length;
        }
        const kind = wasm[p++];
        if (kind === 0) imported++;
        if (kind === 0 || kind === 4) p = leb(wasm, p)[1];
        else if (kind === 1) p = skipLimits(wasm, p + 1);
        else if (kind === 2) p = skipLimits(wasm, p);
        else if (kind === 3) p += 2;
      }
    } else if (id === 10) {
      let [count, p] = leb(wasm, start);
      for (; count > 0; count--) {
        const [length, q] = leb(wasm, p);
        bodies.push(length);
        p = q + length;
      }
    } else if (id === 0) {
      const [nameLength, q] = leb(wasm, start);
      if (new TextDecoder().decode(wasm.subarray(q, q + nameLength)) === "name") {
        let p = q + nameLength;
        while (p < end) {
          const subsection = wasm[p];
          const [length, r] = leb(wasm, p + 1);
          if (subsection === 1) {
            let [count, s] = leb(wasm, r);
            for (; count > 0; count--) {
              const [index, t] = leb(wasm, s);
              const [n, u] = leb(wasm, t);
              names.set(index, new TextDecoder().decode(wasm.subarray(u, u + n)));
              s = u + n;
            }
          }
          p = r + length;
        }
      }
    }
    at = end;
  }
  return bodies.map((size, i) => ({ name: names.get(imported + i) ?? "", size }));
}

/** The members of a declaration the core's build leaves out (build.rs): its prose. */
const PROSE = ["name", "docs", "secretFormat", "notes", "sends"];

/** Each built-in provider's declaration as the core embeds it: compact JSON without its prose. */
function embeddedDeclarations() {
  return readdirSync(`${root}src/providers`)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => {
      const declaration = JSON.parse(readFileSync(`${root}src/providers/${file}`, "utf8"));
      for (const key of PROSE) delete declaration[key];
      return { id: declaration.id, text: JSON.stringify(declaration) };
    });
}

/** The code that reads and applies declarations, by its module path in a (legacy-mangled) symbol. */
const INTERPRETER = ["8hookgate11declaration", "8hookgate9interpret", "8hookgate8delivery", "8hookgate6scheme", "8hookgate8pipeline"];

/** Skips a table's or memory's limits. @param {Uint8Array} b @param {number} p */
function skipLimits(b, p) {
  const flags = b[p];
  let q = leb(b, p + 1)[1];
  if (flags & 1) q = leb(b, q)[1];
  return q;
}

/** @param {Uint8Array} namedCore the core module before wasm-bindgen and wasm-opt, with its names @param {ReturnType<import("./measure.mjs").report>} out */
export async function sizes(namedCore, out) {
  const core = readFileSync(`${root}pkg/hookgate_bg.wasm`);
  const tools = readFileSync(`${root}pkg/hookgate_explain_bg.wasm`);
  // The module the bundle's index.js imports (an outdir can hold earlier builds' files too).
  const bundle = readFileSync(`${root}build/gateway-bundle/index.js`, "utf8");
  const shipped = readdirSync(`${root}build/gateway-bundle`).find((f) => f.endsWith(".wasm") && bundle.includes(f));
  const worker = shipped ? readFileSync(`${root}build/gateway-bundle/${shipped}`) : null;
  const starts = [];
  for (let i = 0; i < 21; i++) {
    const fresh = await import(`${root}pkg/hookgate.js?cold=${i}`);
    const started = process.hrtime.bigint();
    fresh.initSync({ module: core });
    starts.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  const coldMs = starts.sort((a, b) => a - b)[10];
  out.print("### The modules (after wasm-opt)");
  out.print();
  out.print("| module | raw | gzip -9 | compile + instantiate (median of 21) |");
  out.print("| --- | --- | --- | --- |");
  out.print(`| core, \`hookgate_bg.wasm\` (what a Worker ships) | ${core.length} B | ${gzip(core)} B | ${coldMs.toFixed(2)} ms |`);
  out.print(`| tools, \`hookgate_explain_bg.wasm\` (explain, signing as a sender, detection) | ${tools.length} B | ${gzip(tools)} B | |`);
  if (worker) out.print(`| the wasm in the gateway's \`wrangler deploy --dry-run\` bundle | ${worker.length} B | ${gzip(worker)} B | |`);
  out.print();
  out.target(
    "the wasm a Worker ships ≤ 64 KB gzip, with all 42 providers",
    gzip(worker ?? core) <= WORKER_WASM_BUDGET,
    `${gzip(worker ?? core)} B`,
  );
  out.target("instantiate < 5 ms", coldMs < 5, `${coldMs.toFixed(2)} ms`);

  const declarations = embeddedDeclarations();
  const catalog = declarations.map((d) => d.text).join("");
  const interpreter = functionSizes(namedCore)
    .filter(({ name }) => INTERPRETER.some((path) => name.includes(path)))
    .reduce((sum, { size }) => sum + size, 0);
  out.print("### What each provider costs: its declaration (the core embeds it as compact JSON, without prose)");
  out.print();
  out.print(
    `The interpreter (declarations read and applied, credentials checked: \`declaration\`, \`interpret\`, \`delivery\`, \`scheme\`, \`pipeline\`) is ${interpreter} B of code before wasm-opt; all ${declarations.length} declarations together are ${catalog.length} B, ${gzip(Buffer.from(catalog))} B gzip -9.`,
  );
  out.print();
  out.print("| provider | declaration | gzip -9 alone |");
  out.print("| --- | --- | --- |");
  for (const { id, text } of [...declarations].sort((a, b) => b.text.length - a.text.length)) {
    out.print(`| \`${id}\` | ${text.length} B | ${gzip(Buffer.from(text))} B |`);
  }
  out.print();
}
