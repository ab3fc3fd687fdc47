// @ts-check
// The package's API bound to the core module (hookgate_bg.wasm, the Worker-sized one without
// `explain`): what every runtime entry exports, once that entry has instantiated the module.
import { createRegistry, verificationApi } from "./api.js";
import { createBoundary } from "./boundary.js";
import * as wasm from "./hookgate.js";
import { signingApi } from "./signing.js";

const boundary = createBoundary(wasm);
const registry = createRegistry(wasm, boundary);

export const {
  verify,
  verifyJson,
  verifyForward,
  detectProvider,
  providers,
  verifyRedo,
  verifyBaback,
  verifyReturnsCloud,
  verifyReReady,
  verifyStandardWebhooks,
} = verificationApi(wasm, boundary, registry);
export const { signDelivery, signHeaders, signForOrigin, signReReady, signStandardWebhooks } = signingApi(wasm, boundary, registry);
export { eventHead } from "./api.js";
export { DEFAULT_MAX_BODY_BYTES, DEFAULT_TOLERANCE_SECONDS } from "./defaults.js";
export { HookgateError } from "./errors.js";
