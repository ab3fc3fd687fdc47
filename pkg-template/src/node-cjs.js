// @ts-check
// Node (CommonJS): bundled by esbuild into node.cjs, so `require("hookgate")` works on Node 18 without
// require(esm). `__dirname` is the CommonJS module's own. The tools module loads on first use.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { initSync } from "./hookgate.js";
import * as tools from "./hookgate_explain.js";
import { lazyTools } from "./tools.js";

initSync({ module: readFileSync(join(__dirname, "hookgate_bg.wasm")) });

export * from "./core.js";
export * from "./fetch.js";
export * from "./http.js";
export const { detectProvider, signDelivery, signHeaders } = lazyTools(() => {
  tools.initSync({ module: readFileSync(join(__dirname, "hookgate_explain_bg.wasm")) });
  return tools;
});
