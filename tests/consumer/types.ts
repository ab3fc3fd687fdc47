// Type-checked under strict with moduleResolution node16 and bundler (tsconfig.*.json): every export.
import { createServer } from "node:http";
import express from "express";
import Fastify from "fastify";
import { Hono } from "hono";
import {
  detectProvider,
  errorResponse,
  eventHead,
  type HandlerOptions,
  type HookEvent,
  HookgateError,
  type HookgateErrorCode,
  type ProviderId,
  providers,
  readBodyLimited,
  signDelivery,
  signHeaders,
  statusFor,
  type VerifyOptions,
  verify,
  verifyJson,
  verifyRequest,
  verifyRequestJson,
} from "hookgate";
import { hookgate as expressHookgate } from "hookgate/express";
import fastifyHookgate from "hookgate/fastify";
import { type HookgateEnv, hookgate as honoHookgate } from "hookgate/hono";
import { createHandler, readRawBody } from "hookgate/node";

const options: VerifyOptions = { secret: ["old", "new"], toleranceSeconds: 300, maxBodyBytes: 1024 };
const request = { headers: { authorization: "Bearer new" }, body: "{}" };
const events: HookEvent[] = [
  verify("redo", request, options),
  verify(
    { id: "acme", credential: { header: "X-Acme-Signature", algorithm: "sha256", encoding: "hex", signed: "body" } },
    request,
    options,
  ),
];
const json: string = verifyJson("redo", request, options);
const head: { id: string; type: string } = eventHead(json);
const id: ProviderId | null = detectProvider(request);
const status: number = statusFor("invalid_json") + errorResponse(new HookgateError("invalid_json", "x")).status;
const signed: string | undefined = signHeaders("github", { secret: "s", body: "{}" })["X-Hub-Signature-256"];
const delivery = signDelivery("baback", { body: "{}" }, { secret: "s" });
const fetched: Promise<HookEvent> = verifyRequest("redo", new Request("https://x.test/", { method: "POST", body: "{}" }), options);
const fetchedJson: Promise<string> = verifyRequestJson("redo", new Request("https://x.test/"));
const bytes: Promise<Uint8Array> = readBodyLimited(new Request("https://x.test/"), 10);
const names: string[] = providers().map((p) => p.name);

const tenantOptions: HandlerOptions<{ url?: string }> = {
  secret: async (req) => (req.url === "/a" ? "a" : ["b", "c"]),
  onError: (error) => void error,
};
const server = createServer(createHandler("reready", { secret: "s" }, async (event: HookEvent) => void event.id));
const raw: Promise<Buffer> = readRawBody(null as never, { maxBodyBytes: 10 });

const app = express();
app.post("/webhooks/shopify", expressHookgate("shopify", { secret: (req) => String(req.headers["x-tenant"]) }), (req, res) => {
  const event: HookEvent | undefined = req.hookgate;
  res.json({ type: event?.type });
});

const fastify = Fastify();
fastify.register(async (scope) => {
  await scope.register(fastifyHookgate, { provider: "stripe", secret: "whsec_x" });
  scope.post("/webhooks/stripe", async (req) => ({ type: req.hookgate?.type }));
});

const hono = new Hono<HookgateEnv>();
hono.post("/webhooks/redo", honoHookgate("redo", { secret: "s" }), (c) => c.json({ id: c.get("hookgate").id }));

try {
  verify("redo", request);
} catch (error) {
  if (error instanceof HookgateError) {
    const code: HookgateErrorCode = error.code;
    void code;
  }
}
// @ts-expect-error: not a provider id
verify("not-a-provider", request);

void [events, head, id, status, signed, delivery, fetched, fetchedJson, bytes, names, tenantOptions, server, raw];
