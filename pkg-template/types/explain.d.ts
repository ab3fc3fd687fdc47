// hookgate/explain: why a delivery does or does not verify, from a second wasm module with `explain`
// (the Worker-sized core does not carry it). Registry, detection and signing come from the same module.
import type { HookEvent, HookgateErrorCode, ProviderId, VerifyOptions, WebhookRequest } from "./index.js";

export type {
  Explanation,
  ExplanationStep,
  HookEvent,
  HookgateErrorCode,
  ProviderDescription,
  ProviderId,
  SignedDelivery,
  VerifyOptions,
  WebhookRequest,
} from "./index.js";
export { HookgateError, detectProvider, providers, signDelivery, signHeaders, verify } from "./index.js";

/** Explains a delivery step by step (provider `null` detects it); never shows a secret. */
export declare function explain(provider: ProviderId | null, request: WebhookRequest, options?: VerifyOptions): import("./index.js").Explanation;
