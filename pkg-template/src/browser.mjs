// @ts-check
// Browsers: both modules are fetched beside this file (bundlers that understand
// `new URL(..., import.meta.url)` copy them for you), in parallel; the package is ready once imported.
// Browsers compile wasm asynchronously, so the tools module (detectProvider, signing as a sender) is
// loaded up front rather than on first use.
import init from "./hookgate.js";
import toolsInit, * as tools from "./hookgate_explain.js";
import { lazyTools } from "./tools.js";

await Promise.all([
  init({ module_or_path: new URL("./hookgate_bg.wasm", import.meta.url) }),
  toolsInit({ module_or_path: new URL("./hookgate_explain_bg.wasm", import.meta.url) }),
]);

export * from "./core.js";
export * from "./fetch.js";
export * from "./http.js";
export const { detectProvider, signDelivery, signHeaders } = lazyTools(() => tools);
