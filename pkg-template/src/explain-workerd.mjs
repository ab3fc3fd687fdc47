// hookgate/explain in workerd and runtimes that import .wasm as a compiled WebAssembly.Module.
import module from "./hookgate_explain_bg.wasm";
import { initSync } from "./hookgate_explain.js";

initSync({ module });

export * from "./explain.js";
