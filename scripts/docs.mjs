// Keeps the documentation true to the code: the provider tables (README.md, docs/providers.md) come from
// the registry of the built package; every `<!-- example: FILE -->` block in the README, docs/ and the
// npm README is that file of js/examples/ (each of which a test runs), and every example is shown
// somewhere; the package's file list (docs/javascript.md) is what `npm pack` packs.
// `node scripts/docs.mjs --write` rewrites them; without it, it exits 1 when any is out of date (the test
// command runs it that way).
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { providers } from "../pkg/node.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const DOCS = ["README.md", "SECURITY.md", "pkg-template/README.md", ...readdirSync(`${root}docs`).map((file) => `docs/${file}`)];
const cell = (/** @type {string} */ text) => text.replaceAll("|", "\\|");
const registry = providers();
const named = (/** @type {import("hookgate").ProviderDescription} */ p) => cell(p.docsUrl ? `[${p.name}](${p.docsUrl})` : p.name);

/** Each generated region: its file, its marker name, its lines. */
const generated = [
  {
    file: "README.md",
    name: "providers",
    lines: [
      "| id | sender | credential |",
      "| --- | --- | --- |",
      ...registry.map((p) => `| \`${p.id}\` | ${named(p)} | ${cell(p.credentials.map((c) => c.place).join(", or "))} |`),
    ],
  },
  {
    file: "docs/providers.md",
    name: "providers",
    lines: [
      "| id | sender | credential (option) | secret |",
      "| --- | --- | --- | --- |",
      ...registry.map((p) => {
        const credentials = p.credentials.map((c) => `${c.place}${c.signature ? `: ${c.signature}` : ""} (\`${c.option}\`)`).join("; or ");
        return `| \`${p.id}\` | ${named(p)} | ${cell(credentials)} | ${cell(p.secretFormat)} |`;
      }),
    ],
  },
  {
    file: "docs/providers.md",
    name: "events",
    lines: ["| id | what a delivery becomes |", "| --- | --- |", ...registry.map((p) => `| \`${p.id}\` | ${cell(p.events)} |`)],
  },
  { file: "docs/javascript.md", name: "tarball", lines: ["```text", ...packedFiles(), "```"] },
  ...["SECURITY.md", "docs/providers.md"].map((file) => ({ file, name: "unsigned", lines: unsignedFields() })),
];

/**
 * Which event fields each built-in provider reads from a header its signature does not cover, from the
 * declarations themselves (src/providers/*.json): a header is signed when the signed template reads it
 * (`{id}` for `idHeader`, `{t}` for `timestampHeader`; Contentful signs the headers it lists).
 */
function unsignedFields() {
  const rows = [];
  for (const file of readdirSync(`${root}src/providers`)
    .filter((name) => name.endsWith(".json"))
    .sort()) {
    const declaration = JSON.parse(readFileSync(`${root}src/providers/${file}`, "utf8"));
    const credentials = [declaration.credential].flat();
    const signed = new Set();
    for (const credential of credentials) {
      const template =
        { body: "{body}", "t.body": "{t}.{body}", "id.t.body": "{id}.{t}.{body}" }[credential.signed] ?? String(credential.signed ?? "");
      if (template.includes("{headers:")) continue; // Contentful: whatever it lists is signed, the rest is not
      if (template.includes("{id}")) for (const name of [credential.idHeader ?? []].flat()) signed.add(name.toLowerCase());
      if (template.includes("{t}")) for (const name of [credential.timestampHeader ?? []].flat()) signed.add(name.toLowerCase());
    }
    /** @type {Map<string, Set<string>>} field → unsigned headers */
    const fields = new Map();
    const visit = (/** @type {unknown} */ value, /** @type {string} */ path) => {
      if (typeof value === "string") {
        for (const [, name] of value.matchAll(/header:([^}|?]+)/g)) {
          if (signed.has(name.toLowerCase())) continue;
          if (!fields.has(path)) fields.set(path, new Set());
          fields.get(path)?.add(name);
        }
      } else if (Array.isArray(value)) {
        for (const item of value) visit(item, path);
      } else if (value && typeof value === "object") {
        for (const [key, inner] of Object.entries(value)) {
          if (key.includes("{")) visit(key, path); // a condition's template
          const structural = ["from", "when", "map", "else", "required", "stripPrefix", "split", "part", "lower"].includes(key);
          visit(inner, structural || path.includes("{") ? path : path ? `${path}.${key}` : key);
        }
      }
    };
    for (const mapping of [declaration.event ?? []].flat()) {
      for (const [field, value] of Object.entries(mapping)) visit(value, field === "when" ? "(which mapping applies)" : field);
    }
    for (const [field, names] of fields)
      rows.push(`| \`${declaration.id}\` | ${cell(field)} | ${[...names].map((n) => `\`${n}\``).join(", ")} |`);
  }
  return ["| provider | event field | from the unsigned header |", "| --- | --- | --- |", ...rows];
}

/** The files `npm pack` puts in the tarball, wrapped to 104 columns. */
function packedFiles() {
  const [pack] = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json"], { cwd: `${root}pkg`, encoding: "utf8" }));
  const lines = [""];
  for (const path of pack.files.map((/** @type {{ path: string }} */ f) => f.path).sort()) {
    if (lines[lines.length - 1].length + path.length + 1 > 104) lines.push("");
    lines[lines.length - 1] = `${lines[lines.length - 1]} ${path}`.trim();
  }
  return lines;
}

const EXAMPLE = /<!-- example: (\S+) -->\n(?:\n?```js\n[\s\S]*?```\n)?/g;
const shown = new Set();
const stale = [];
for (const file of DOCS) {
  const before = readFileSync(`${root}${file}`, "utf8");
  let text = before.replace(EXAMPLE, (_, example) => {
    shown.add(example);
    return `<!-- example: ${example} -->\n\`\`\`js\n${readFileSync(`${root}${example}`, "utf8")}\`\`\`\n`;
  });
  for (const region of generated.filter((each) => each.file === file)) {
    const start = new RegExp(`<!-- ${region.name}:start[^>]*-->`).exec(text);
    const end = text.indexOf(`<!-- ${region.name}:end -->`);
    if (!start || end < 0) throw new Error(`${file} lacks the ${region.name} markers`);
    text = `${text.slice(0, start.index + start[0].length)}\n${region.lines.join("\n")}\n${text.slice(end)}`;
  }
  if (text === before) continue;
  stale.push(file);
  if (process.argv.includes("--write")) writeFileSync(`${root}${file}`, text);
}

const examples = readdirSync(`${root}js/examples`).map((file) => `js/examples/${file}`);
const unshown = examples.filter((example) => !shown.has(example));
if (unshown.length > 0) {
  console.error(`examples no document shows: ${unshown.join(", ")}`);
  process.exitCode = 1;
}
if (stale.length > 0 && !process.argv.includes("--write")) {
  console.error(`out of date: ${stale.join(", ")}; run node scripts/docs.mjs --write`);
  process.exitCode = 1;
}
