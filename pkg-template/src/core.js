// @ts-check
// The package's API bound to the core module (hookgate_bg.wasm, the Worker-sized one: it receives,
// verifies, normalizes and signs for the origin). What every runtime entry exports, once that entry has
// instantiated the module; the tools (detection, signing as a sender) each entry adds itself.
import { verificationApi } from "./api.js";
import { createBoundary } from "./boundary.js";
import * as wasm from "./hookgate.js";
import { originSigning } from "./signing.js";

const boundary = createBoundary(wasm);

export const { verify, verifyJson, verifyForward, checkDeclaration } = verificationApi(wasm, boundary);
export const signForOrigin = originSigning(wasm, boundary);
export { eventHead } from "./api.js";
export { DEFAULT_MAX_BODY_BYTES, DEFAULT_TOLERANCE_SECONDS } from "./defaults.js";
export { HookgateError } from "./errors.js";
export { providers } from "./providers.js";
