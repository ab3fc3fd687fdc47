// @ts-check
// Node (ESM): the wasm file sits beside this one and is compiled synchronously at import.
import { readFileSync } from "node:fs";
import { initSync } from "./hookgate.js";

initSync({ module: readFileSync(new URL("./hookgate_bg.wasm", import.meta.url)) });

export * from "./core.js";
export * from "./fetch.js";
export * from "./http.js";
