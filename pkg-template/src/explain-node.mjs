// @ts-check
// hookgate/explain in Node (ESM): the explain module sits beside this file and is compiled at import.
import { readFileSync } from "node:fs";
import { initSync } from "./hookgate_explain.js";

initSync({ module: readFileSync(new URL("./hookgate_explain_bg.wasm", import.meta.url)) });

export * from "./explain.js";
