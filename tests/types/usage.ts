// Type-checks the package's public API under `strict` (tests/types/tsconfig.json).
import {
  detectProvider,
  type HmacScheme,
  type HookEvent,
  HookgateError,
  type HookgateErrorCode,
  type ProviderDeclaration,
  type ProviderId,
  providers,
  signHeaders,
  type VerifyOptions,
  verify,
  verifyJson,
  type WebhookRequest,
} from "hookgate";

const options: VerifyOptions = { secret: ["old", "new"], token: "t", toleranceSeconds: 300, now: 1, maxBodyBytes: 1024 };
const requests: WebhookRequest[] = [
  { headers: new Headers({ a: "b" }), body: new Uint8Array(1) },
  { headers: { Authorization: "Bearer x", "set-cookie": ["a", "b"] }, body: "{}", url: "https://x.test/?token=t" },
  { headers: [["webhook-id", "m"]], body: new ArrayBuffer(2), url: new URL("https://x.test/") },
];
const provider: ProviderId = "returns-cloud";
const event: HookEvent = verify(provider, requests[0], options);
const kinds: (string | null)[] = [event.subject.type, event.status.previous, event.occurredAt];
const json: string = verifyJson("redo", requests[1]);
const all: HookEvent[] = (["redo", "baback", "returns-cloud", "reready", "standard-webhooks"] as const).map((id) =>
  verify(id, requests[2], options),
);
const acme: ProviderDeclaration = {
  id: "acme",
  name: "Acme",
  credential: {
    header: "X-Acme-Signature",
    algorithm: "sha256",
    encoding: "hex",
    prefix: "sha256=",
    signed: "{t}.{body}",
    timestampHeader: "X-Acme-Timestamp",
    idHeader: "X-Acme-Delivery",
  },
  event: { id: "{body.event_id}", type: "{body.kind}", occurredAt: "{body.created_at}", subject: { id: "{body.data.id}" } },
};
const declared: HookEvent = verify(acme, requests[1], { secret: "s" });
const header: string = signHeaders(acme, { secret: "s", body: "{}", timestamp: 1, id: "d-1" })["X-Acme-Signature"] ?? "";
const ids: ProviderId[] = providers().map((p) => p.id);
const docs: (string | null)[] = providers().map((p) => p.docsUrl);
const scheme: HmacScheme = { header: "x-sig", algorithm: "sha256", encoding: "hex", signed: "body", prefix: "sha256=" };
const signed: Record<string, string> = signHeaders("hmac", { secret: "s", body: "{}", hmac: scheme });
const detected: ProviderId | null = detectProvider({ headers: signed, body: "{}" });
verify("hmac", { headers: signed, body: "{}" }, { secret: "s", hmac: scheme });
const stripe: ProviderId = "stripe";

try {
  verify("redo", requests[0]);
} catch (error) {
  if (error instanceof HookgateError) {
    const code: HookgateErrorCode = error.code;
    const message: string = error.message;
    void [code, message, error.provider];
  }
}

// @ts-expect-error: not a provider id
verify("shopify-ish", requests[0]);
// @ts-expect-error: a declaration needs its credential
verify({ id: "acme" }, requests[0]);
// @ts-expect-error: a parsed object is not a raw body
verify("redo", { headers: {}, body: { type: "created" } });

void [kinds, json, all, declared, header, ids, docs, detected, stripe];
