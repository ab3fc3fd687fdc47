// @ts-check
// Cloudflare Workers (workerd) and other runtimes that import .wasm as a compiled WebAssembly.Module. A
// Worker ships only the core module: it receives, verifies and forwards. The tools (detectProvider,
// signing as a sender) are in hookgate/explain, which ships the larger tools module when imported.

import { initSync } from "./hookgate.js";
import module from "./hookgate_bg.wasm";
import { lazyTools } from "./tools.js";

initSync({ module });

export * from "./core.js";
export * from "./fetch.js";
export * from "./http.js";
export const { detectProvider, signDelivery, signHeaders } = lazyTools(() => {
  throw new TypeError(
    'hookgate: detectProvider and signing as a sender are not in the Worker build of "hookgate"; import them from "hookgate/explain"',
  );
});
