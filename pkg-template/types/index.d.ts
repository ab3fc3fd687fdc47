/** Provider ids accepted by `verify`, `verifyJson` and the gateway path (written from `providers()` at build time). */
export type ProviderId = PROVIDER_IDS;

/** A template: literal text with `{…}` placeholders (docs/declarations.md). */
export type Template = string;
/** An event field: a template, alternatives (the first that resolves), or a transformed value. */
export type FieldDeclaration =
  | Template
  | FieldDeclaration[]
  | {
      from: FieldDeclaration;
      when?: Template | Record<Template, string>;
      stripPrefix?: string;
      split?: string;
      part?: number;
      lower?: boolean;
      map?: Record<string, Template>;
      else?: Template | null;
      required?: boolean;
    };
/** Where each field of the event comes from. */
export interface EventMappingDeclaration {
  when?: Template | Record<Template, string>;
  id?: FieldDeclaration;
  type?: FieldDeclaration;
  sourceType?: FieldDeclaration;
  occurredAt?: FieldDeclaration;
  subject?: { type?: FieldDeclaration; id?: FieldDeclaration; reference?: FieldDeclaration };
  status?: { previous?: FieldDeclaration; current?: FieldDeclaration };
  test?: FieldDeclaration;
}
/** How a delivery is authenticated: an HMAC signature (the `hmac` scheme object and more), or a token or secret. */
export type CredentialDeclaration =
  | (HmacScheme & { scheme?: "hmac" })
  | { scheme: "bearer"; key?: "secret" | "token" }
  | { scheme: "url-token"; param: string; key?: "secret" | "token" }
  | { scheme: "body-secret"; path: string };
/**
 * A provider declared at run time: where its credential travels, what it signs, and where each field of
 * the event comes from. Taken wherever a provider id is (docs/declarations.md). Read once per object.
 */
export interface ProviderDeclaration {
  id: string;
  name?: string;
  docs?: string;
  secretFormat?: string;
  credential: CredentialDeclaration | CredentialDeclaration[];
  event?: EventMappingDeclaration | EventMappingDeclaration[];
  forms?: boolean;
  detect?: string[];
}
/** A built-in provider's id, or a declaration. */
export type Provider = ProviderId | ProviderDeclaration;

/** Default largest distance between a signed timestamp and now, in seconds (300). */
export declare const DEFAULT_TOLERANCE_SECONDS: number;
/** Default largest accepted body, in bytes (1 MiB). */
export declare const DEFAULT_MAX_BODY_BYTES: number;

/** Stable error codes carried by `HookgateError.code`. */
export type HookgateErrorCode =
  | "missing_secret"
  | "missing_signature"
  | "malformed_signature"
  | "signature_mismatch"
  | "timestamp_out_of_tolerance"
  | "invalid_json"
  | "invalid_payload"
  | "payload_too_large"
  | "missing_url"
  | "unknown_provider";

/** Any JSON value (the type of `HookEvent.data`). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The normalized event every provider's delivery becomes. */
export interface HookEvent {
  /** A built-in provider's id, or a declared provider's. */
  provider: ProviderId | (string & {});
  /** Idempotency key, stable across redeliveries of the same event. */
  id: string;
  /** Normalized type such as `return.created`; `unknown` for a provider event type hookgate does not map. */
  type: string;
  /** The provider's own event name, verbatim. */
  sourceType: string;
  /** RFC 3339 in UTC, or null when the provider sends no time. */
  occurredAt: string | null;
  subject: { type: string | null; id: string | null; reference: string | null };
  status: { previous: string | null; current: string | null };
  /** Whether the provider marked the delivery as a test. */
  test: boolean;
  /** The provider's payload, verbatim except that secrets are removed. */
  data: JsonValue;
}

/** Headers as a Fetch `Headers`, a plain object (any case) or `[name, value]` pairs. */
export type HeadersInput =
  | { forEach(callback: (value: string, name: string) => void): void; get(name: string): string | null }
  | Record<string, string | string[] | undefined>
  | Iterable<readonly [string, string]>;

/** A received delivery. Signatures cover `body` exactly as received. */
export interface WebhookRequest {
  headers?: HeadersInput | null;
  body: string | Uint8Array | ArrayBuffer | ArrayBufferView;
  /** The request URL, needed for `?token=` credentials and by senders that sign the URL they called. */
  url?: string | URL | null;
  /** The request method, for senders that sign it (HubSpot); `POST` when not given. */
  method?: string | null;
}

export interface VerifyOptions {
  /** Signing or bearer secret; several allow key rotation (any match passes). Empty or missing: rejects everything. */
  secret?: string | readonly string[] | null;
  /** returns.cloud token, or ReReady's `token` URL parameter. */
  token?: string | readonly string[] | null;
  /** Largest accepted distance between a signed timestamp and now. Default 300. Not a finite number ≥ 0: `TypeError`. */
  toleranceSeconds?: number;
  /** Unix seconds to verify against (tests). Default: now. */
  now?: number;
  /** Largest accepted body. Default 1 MiB. Not a finite number ≥ 0: `TypeError`. */
  maxBodyBytes?: number;
  /** The signature scheme of the generic `hmac` provider; every delivery is rejected while a required part is missing. */
  hmac?: HmacScheme | null;
}

/** A sender's HMAC scheme: the generic `hmac` provider's option, and a declaration's credential. */
export interface HmacScheme {
  header?: string | string[];
  algorithm: "sha1" | "sha256" | "sha512";
  encoding: "hex" | "base64" | "base64url";
  /** Text before the signature in the header, e.g. `sha256=`. */
  prefix?: string;
  prefixOptional?: boolean;
  pairs?: { separator: string; timestamp: string; signature: string };
  versions?: string;
  list?: string;
  /** What is signed: a template (`{t}.{body}`, `{method}{url}{body}{t}`…) or `body`, `t.body`, `id.t.body`. */
  signed: string;
  /** Required when the timestamp is signed, unless the header carries it. */
  timestampHeader?: string | string[];
  timestampField?: string;
  timestampFormat?: "unix" | "unix-ms" | "rfc3339";
  /** Required when the id is signed. */
  idHeader?: string | string[];
  signatureField?: string;
  /** A body path to an array that must hold exactly one item (the signature covers one: Adyen). */
  singleItem?: string;
  eachHeader?: boolean;
  key?: "utf8" | "whsec" | "hex" | "nfkd";
  require?: Record<string, string>;
  defaultPortEither?: boolean;
}

/** A rejected delivery. `message` never contains a secret. */
export declare class HookgateError extends Error {
  constructor(code: HookgateErrorCode, message: string, provider?: string);
  readonly name: "HookgateError";
  readonly code: HookgateErrorCode;
  readonly provider: string | undefined;
}

/** One credential scheme a provider accepts. */
export interface CredentialDescription {
  scheme: "bearer" | "url-token" | "body-secret" | "hmac";
  /** Which option holds its key. */
  option: "secret" | "token";
  /** Where the credential travels, in words. */
  place: string;
  /** For signature headers: the header names it reads (signature, timestamp, id, with aliases). */
  headers?: string[];
  /** For signature headers: what is signed and how, in words. */
  signature?: string;
  /** For URL tokens: the query parameter. */
  param?: string;
  /** For body secrets: the object keys leading to the field. */
  path?: string[];
  /** `NFKD` where the sender keys its HMAC with the secret NFKD-normalized (the package normalizes it for you). */
  normalize?: "NFKD";
  /** How the secret becomes the HMAC key, where it is not used as given: `whsec_` base64, hex, NFKD. */
  key?: "whsec" | "hex" | "nfkd";
  /** True where the signature covers the URL the sender called (pass it as `url`, exactly). */
  signsUrl?: true;
}

export interface ProviderDescription {
  id: ProviderId;
  name: string;
  /** The sender's webhook documentation, where a public page could be confirmed. */
  docsUrl: string | null;
  /** What to configure as the secret or token, in words. */
  secretFormat: string;
  /** How its deliveries map to the event, in words. */
  events: string;
  /**
   * The headers its sender sends besides the credential, as in its documented sample (a topic, an event
   * id): `{id}` and `{time}` stand for the delivery's id and ISO time. `hookgate sign` sends them.
   */
  sends: Record<string, string>;
  /** The handshake the gateway answers for this sender (`slack`, `zoom`, `twitch`, `asana`, `xero`), or null. */
  handshake: string | null;
  /** Accepted credentials, in the order they are tried. */
  credentials: CredentialDescription[];
}

/** Verifies a delivery for a built-in provider (by id) or a declared one, and normalizes it. A malformed declaration is a `TypeError` naming the field. */
export declare function verify(provider: Provider, request: WebhookRequest, options?: VerifyOptions): HookEvent;
export declare function verifyJson(provider: Provider, request: WebhookRequest, options?: VerifyOptions): string;
export interface SignOptions {
  secret: string;
  body: string | Uint8Array | ArrayBuffer;
  /** Unix seconds; default now. */
  timestamp?: number;
  /** The message id, for schemes that sign one. */
  id?: string;
  hmac?: HmacScheme;
}
/** The headers a sender of `provider` would add; empty for credentials that travel in the URL or the body. */
export declare function signHeaders(provider: Provider, options: SignOptions): Record<string, string>;
/** A delivery ready to send: its credential put where the provider puts it. */
export interface SignedDelivery {
  headers: Record<string, string>;
  body: string;
  url: string;
}
/**
 * Puts a credential on a delivery the way `provider` sends it: signature or bearer headers, the
 * `?token=` URL parameter, or the body's secret field. For tests, the CLI, samples and the inspector.
 */
export declare function signDelivery(
  provider: Provider,
  delivery: { body: string; headers?: Record<string, string>; url?: string },
  options?: { secret?: string; token?: string; timestamp?: number; id?: string; hmac?: HmacScheme | null },
): SignedDelivery;
/** The id of the provider a delivery most likely comes from, or null. */
export declare function detectProvider(request: WebhookRequest): ProviderId | null;
export declare function providers(): ProviderDescription[];

/** Options of `verifyForward`: the verification's, plus the secret that signs the event for the origin. */
export interface ForwardOptions extends VerifyOptions {
  /** `whsec_…` (at least 16 bytes): sign the event per Standard Webhooks for the origin. */
  forwardSecret?: string;
}
/** A verified event ready to forward. */
export interface ForwardableEvent {
  provider: ProviderId;
  /** The event id (the idempotency key). */
  id: string;
  /** The normalized type. */
  type: string;
  /** The event's `subject.id`, or null. */
  subjectId: string | null;
  /** The event's `test` flag. */
  test: boolean;
  /** The event's JSON, as bytes the caller may keep and send as the body. */
  body: Uint8Array;
  /**
   * Headers for the origin: `content-type`, `webhook-id` (the id, header-safe), `hookgate-provider`,
   * `hookgate-event-type`, and with `forwardSecret` `webhook-timestamp` and `webhook-signature`.
   */
  headers: Record<string, string>;
  /**
   * For a delivery whose credential signs no time (tokens, body secrets, signatures over the body
   * alone): hex SHA-256 of the body (Twilio: of what its signature covers, in canonical form), to
   * deduplicate a captured copy resent with a new id header; computed when first read. Null otherwise.
   */
  readonly replayDigest: string | null;
}
/**
 * Checks a declaration before a delivery needs it: its id and whether a signature of it covers the URL the
 * sender called, or a `TypeError` naming the wrong field (or a built-in's id).
 */
export declare function checkDeclaration(declaration: ProviderDeclaration): { id: string; signsUrl: boolean };
/** Verifies, normalizes and (with `forwardSecret`) signs for the origin in one call into wasm. Throws HookgateError. */
export declare function verifyForward(provider: Provider, request: WebhookRequest, options?: ForwardOptions): ForwardableEvent;
/** The Standard Webhooks headers that sign an event's JSON for the origin (`webhook-id` is `id`, header-safe). */
export declare function signForOrigin(
  event: string | Uint8Array | ArrayBuffer,
  id: string,
  forwardSecret: string,
  timestamp?: number,
): { "webhook-id": string; "webhook-timestamp": string; "webhook-signature": string };

/** `{ provider, id, type }` of an event JSON string from `verifyJson`, without parsing the payload. */
export declare function eventHead(json: string): { provider: ProviderId; id: string; type: string };

/** A Fetch API `Request` (Workers, Node 18+, Deno, Bun, Hono's `c.req.raw`, Next.js route handlers). */
export interface FetchRequestLike {
  readonly headers: { get(name: string): string | null; forEach(callback: (value: string, name: string) => void): void };
  readonly body: ReadableStream<Uint8Array> | null;
  readonly url: string;
  readonly method?: string;
}
/** Reads the body (never more than `maxBodyBytes` of it) and verifies. Throws HookgateError. */
export declare function verifyRequest(provider: Provider, request: FetchRequestLike, options?: VerifyOptions): Promise<HookEvent>;
/** As `verifyRequest`, returning the event as a JSON string. */
export declare function verifyRequestJson(provider: Provider, request: FetchRequestLike, options?: VerifyOptions): Promise<string>;
/** The body as bytes; throws `payload_too_large` as soon as it passes `limit` (default 1 MiB). */
export declare function readBodyLimited(request: FetchRequestLike, limit?: number, provider?: string): Promise<Uint8Array>;

/** The HTTP status hookgate answers for an error code (401 credentials, 400 payload, 413, 404, 503 missing_secret and missing_url; 500 otherwise). */
export declare function statusFor(code: string): number;
/** `{ status, body: { error: code } }` for a thrown error. */
export declare function errorResponse(error: unknown): { status: number; body: { error: HookgateErrorCode | "internal_error" } };

/** Options of the framework handlers (`hookgate/node`, `/express`, `/fastify`, `/hono`). */
export interface HandlerOptions<Request> extends Omit<VerifyOptions, "secret" | "token"> {
  /** The secret(s), or a function of the request returning them (one endpoint serving several tenants). */
  secret?: VerifyOptions["secret"] | ((request: Request) => VerifyOptions["secret"] | Promise<VerifyOptions["secret"]>);
  /** The token(s), or a function of the request returning them. */
  token?: VerifyOptions["token"] | ((request: Request) => VerifyOptions["token"] | Promise<VerifyOptions["token"]>);
  /** Called with each rejected delivery's error (and errors of your own handler), for logging. */
  onError?: (error: unknown, request: Request) => void;
}

/** One line of an explanation. */
export interface ExplanationStep {
  title: string;
  status: "pass" | "fail" | "info";
  detail: string;
}
/** Why a delivery does or does not verify. */
export interface Explanation {
  provider: ProviderId | null;
  /** Whether the provider was detected rather than given. */
  detected: boolean;
  verdict: "verified" | "rejected";
  code: HookgateErrorCode | null;
  message: string | null;
  steps: ExplanationStep[];
  event: HookEvent | null;
  /** The event of a delivery that verifies at its signed time but is outside the tolerance now. */
  staleEvent: HookEvent | null;
  /** Another provider the delivery looks like, when the chosen one's credential is absent. */
  suggestion: ProviderId | null;
  /** The signed timestamp: unix seconds, its age in seconds at verification (negative: future), the tolerance. */
  timestamp: { signed: number; age: number; tolerance: number } | null;
  /** When the body was changed after signing: the change (`trailing-whitespace-added`, `crlf-to-lf`, …) and the body that verifies. */
  fix: { change: string; body: string } | null;
  /** With `showSigning`: the signed string and what each configured secret signs it to. */
  signing: ExplanationSigning | null;
}
/** What a signature is computed over, and what it should be. */
export interface ExplanationSigning {
  /** e.g. `hex HMAC-SHA512 of "t.body"`. */
  scheme: string;
  /** The signed bytes as text (invalid UTF-8 replaced), and their exact count. */
  signed: string;
  signedBytes: number;
  /** The signatures the delivery carries, encoded as the sender writes them. */
  presented: string[];
  /** For each configured secret (1-based): its signature, and the whole header value a sender would send. */
  expected: { secret: number; signature: string; header: string }[];
}
/** explain()'s options: verify's, and whether to show the signed string and the expected signatures. */
export interface ExplainOptions extends VerifyOptions {
  /**
   * Show the signed string and each configured secret's signature (`signing`). For a debugging tool's own
   * user only: whoever reads them can sign that body. Never send them back to a webhook's sender.
   */
  showSigning?: boolean;
}
