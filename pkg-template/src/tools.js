// @ts-check
// The tools the main entries also export (detectProvider, and signing as a sender: for tests, the CLI,
// simulations) run in the tools module (hookgate_explain_bg.wasm), which a receiver never needs, so the
// Worker-sized core does not carry them. Each runtime entry says how that module is had (lazyTools).
import { detection } from "./api.js";
import { createBoundary } from "./boundary.js";
import { senderSigning } from "./signing.js";

/**
 * @typedef {import("./api.js").DetectingModule & import("./signing.js").SenderSigningModule} ToolsModule
 * @typedef {ReturnType<typeof bindTools>} Tools
 */

/** The tools over an initialized tools module. @param {ToolsModule} wasm */
export function bindTools(wasm) {
  const boundary = createBoundary(wasm);
  return { detectProvider: detection(wasm, boundary), ...senderSigning(wasm, boundary) };
}

/**
 * The tools, bound on first use to the module `load` returns (initialized): a runtime that can compile
 * wasm synchronously loads it only when a tool is called.
 * @param {() => ToolsModule} load
 * @returns {Tools}
 */
export function lazyTools(load) {
  /** @type {Tools | undefined} */
  let bound;
  const tools = () => {
    bound ??= bindTools(load());
    return bound;
  };
  return {
    detectProvider: (request) => tools().detectProvider(request),
    signDelivery: (provider, delivery, options) => tools().signDelivery(provider, delivery, options),
    signHeaders: (provider, options) => tools().signHeaders(provider, options),
  };
}
