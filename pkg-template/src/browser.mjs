// @ts-check
// Browsers: the wasm file is fetched beside this module (bundlers that understand
// `new URL(..., import.meta.url)` copy it for you); the module is ready once imported.
import init from "./hookgate.js";

await init({ module_or_path: new URL("./hookgate_bg.wasm", import.meta.url) });

export * from "./core.js";
export * from "./fetch.js";
export * from "./http.js";
