// @ts-check
// Node (ESM): the core module sits beside this file and is compiled synchronously at import; the tools
// module too, but only when a tool (detectProvider, signing as a sender) is first called.
import { readFileSync } from "node:fs";
import { initSync } from "./hookgate.js";
import * as tools from "./hookgate_explain.js";
import { lazyTools } from "./tools.js";

initSync({ module: readFileSync(new URL("./hookgate_bg.wasm", import.meta.url)) });

export * from "./core.js";
export * from "./fetch.js";
export * from "./http.js";
export const { detectProvider, signDelivery, signHeaders } = lazyTools(() => {
  tools.initSync({ module: readFileSync(new URL("./hookgate_explain_bg.wasm", import.meta.url)) });
  return tools;
});
