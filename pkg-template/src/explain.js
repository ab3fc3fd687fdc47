// @ts-check
// hookgate/explain: why a delivery does or does not verify, step by step (the inspector's and the CLI's
// engine), from a second module built with the core's `explain` (hookgate_explain_bg.wasm), so the
// Worker never ships it. The registry, detection and signing are exported from the same module, so a
// debugging tool loads one module, not two.
import { limits, requestFrame, verificationApi } from "./api.js";
import { createBoundary } from "./boundary.js";
import { providerField } from "./declared.js";
import { DEFAULT_MAX_BODY_BYTES } from "./defaults.js";
import { HookgateError } from "./errors.js";
import { field } from "./frame.js";
import * as wasm from "./hookgate_explain.js";
import { bindTools } from "./tools.js";

/**
 * @typedef {import("./index.js").ProviderId} ProviderId
 * @typedef {import("./index.js").ProviderDeclaration} ProviderDeclaration
 * @typedef {import("./index.js").WebhookRequest} WebhookRequest
 * @typedef {import("./index.js").VerifyOptions} VerifyOptions
 * @typedef {import("./index.js").Explanation} Explanation
 * @typedef {import("./index.js").ExplainOptions} ExplainOptions
 */

const boundary = createBoundary(wasm);

/**
 * Why a delivery does or does not verify: `{ provider, detected, verdict, code, message, steps, event, … }`.
 * `provider` may be null to detect it. Never throws for a bad delivery; never shows a secret. A body
 * over the limit is explained too (up to four times the limit). `showSigning` adds the signed string and
 * the expected signatures: for the tool's own user only, never for a webhook's sender.
 * @param {ProviderId | ProviderDeclaration | null} provider
 * @param {WebhookRequest} request
 * @param {ExplainOptions} [options]
 * @returns {Explanation}
 */
export function explain(provider, request, options = {}) {
  const id = provider == null ? null : providerField(provider).id;
  const [toleranceSeconds, maxBodyBytes, now] = limits(options);
  const allowance = Math.min(maxBodyBytes, DEFAULT_MAX_BODY_BYTES * 64) * 4 + 1024;
  let frame;
  try {
    frame = requestFrame(provider, request, options) + (options.showSigning === true ? field("showSigning", "") : "");
  } catch (error) {
    if (!(error instanceof HookgateError)) throw error;
    return refused(id, error);
  }
  const [frameLength, bodyLength] = boundary.stage(frame, request.body, allowance, id);
  wasm.explain(frameLength, bodyLength, toleranceSeconds, maxBodyBytes, now);
  return JSON.parse(new TextDecoder().decode(boundary.answer(id).main));
}

/**
 * The explanation of a request refused before it reached the module (a URL holding NUL).
 * @param {string | null} provider @param {HookgateError} error @returns {Explanation}
 */
function refused(provider, error) {
  return {
    provider: /** @type {ProviderId | null} */ (provider),
    detected: false,
    verdict: "rejected",
    code: error.code,
    message: error.message,
    steps: [{ title: "Request", status: "fail", detail: error.message }],
    event: null,
    staleEvent: null,
    suggestion: null,
    timestamp: null,
    fix: null,
    signing: null,
  };
}

export const { verify } = verificationApi(wasm, boundary);
export const { detectProvider, signDelivery, signHeaders } = bindTools(wasm);
export { HookgateError } from "./errors.js";
export { parseHeaderLines } from "./header-lines.js";
export { providers } from "./providers.js";
