// @ts-check
// hookgate/explain in Node (CommonJS): bundled by esbuild into explain.cjs.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { initSync } from "./hookgate_explain.js";

initSync({ module: readFileSync(join(__dirname, "hookgate_explain_bg.wasm")) });

export * from "./explain.js";
