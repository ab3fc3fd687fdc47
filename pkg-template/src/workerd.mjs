// Cloudflare Workers (workerd) and other runtimes that import .wasm as a compiled WebAssembly.Module.
import module from "./hookgate_bg.wasm";
import { initSync } from "./hookgate.js";

initSync({ module });

export * from "./core.js";
export * from "./fetch.js";
export * from "./http.js";
