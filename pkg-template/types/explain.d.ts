// hookgate/explain: why a delivery does or does not verify, from a second wasm module with `explain`
// (the Worker-sized core does not carry it). Registry, detection and signing come from the same module.
import type { ExplainOptions, Provider, WebhookRequest } from "./index.js";

export type {
  ExplainOptions,
  Explanation,
  ExplanationSigning,
  ExplanationStep,
  HookEvent,
  HookgateErrorCode,
  Provider,
  ProviderDeclaration,
  ProviderDescription,
  ProviderId,
  SignedDelivery,
  VerifyOptions,
  WebhookRequest,
} from "./index.js";
export { detectProvider, HookgateError, providers, signDelivery, signHeaders, verify } from "./index.js";

/**
 * Explains a delivery step by step (provider `null` detects it); never shows a secret. With
 * `showSigning`, also the signed string and the expected signatures (for the tool's own user only).
 */
export declare function explain(
  provider: Provider | null,
  request: WebhookRequest,
  options?: ExplainOptions,
): import("./index.js").Explanation;

/** `[name, value]` pairs from "Name: value" lines (LF or CRLF); lines without a name and a colon are skipped. */
export declare function parseHeaderLines(text: string): [string, string][];
