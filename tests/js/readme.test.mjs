// The README's code that users copy: each `<!-- example: FILE -->` block is that file, byte for byte,
// and each example file is shown; the tarball file list is what `npm pack` really packs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

test("every README example is its file in js/examples, and every example file is in the README", () => {
  const blocks = [...readme.matchAll(/<!-- example: (\S+) -->\n```js\n([\s\S]*?)```\n/g)];
  const shown = blocks.map(([, file]) => file).sort();
  const files = readdirSync(new URL("../../js/examples/", import.meta.url)).map((f) => `js/examples/${f}`).sort();
  assert.deepEqual(shown, files);
  for (const [, file, code] of blocks) assert.equal(code, readFileSync(new URL(`../../${file}`, import.meta.url), "utf8"), file);
});

test("the README lists exactly the files the package packs", () => {
  const listed = /<!-- tarball:start[^>]*-->\n```text\n([\s\S]*?)```/.exec(readme)[1].split(/\s+/).filter(Boolean).sort();
  const [pack] = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json"], { cwd: new URL("../../pkg/", import.meta.url), encoding: "utf8" }));
  assert.deepEqual(listed, pack.files.map((f) => f.path).sort());
  assert.ok(!pack.files.some((f) => /test|\.tgz$|\.map$/.test(f.path)), "no tests or build leftovers");
});
