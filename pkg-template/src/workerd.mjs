// @ts-check
// Cloudflare Workers (workerd) and other runtimes that import .wasm as a compiled WebAssembly.Module.

import { initSync } from "./hookgate.js";
import module from "./hookgate_bg.wasm";

initSync({ module });

export * from "./core.js";
export * from "./fetch.js";
export * from "./http.js";
