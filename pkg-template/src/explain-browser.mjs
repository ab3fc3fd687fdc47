// @ts-check
// hookgate/explain in browsers: the explain module is fetched beside this file.
import init from "./hookgate_explain.js";

await init({ module_or_path: new URL("./hookgate_explain_bg.wasm", import.meta.url) });

export * from "./explain.js";
