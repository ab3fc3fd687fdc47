// @ts-check
// hookgate/explain in workerd and runtimes that import .wasm as a compiled WebAssembly.Module.

import { initSync } from "./hookgate_explain.js";
import module from "./hookgate_explain_bg.wasm";

initSync({ module });

export * from "./explain.js";
