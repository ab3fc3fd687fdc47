// The baseline for the gateway load run: the same job done the usual JS way in a Worker. WebCrypto
// (crypto.subtle) for HMACs, JSON.parse / JSON.stringify for the event, the same forwarding signature.
const encoder = new TextEncoder();
const keys = new Map();

/** An HMAC key, imported once: `secret` is the key's text, or a `whsec_` secret whose base64 is the key. */
async function hmacKey(secret, hash) {
  const id = `${hash}:${secret}`;
  if (!keys.has(id)) {
    const raw = secret.startsWith("whsec_") ? fromBase64(secret.slice(6)) : encoder.encode(secret);
    keys.set(id, await crypto.subtle.importKey("raw", raw, { name: "HMAC", hash }, false, ["sign", "verify"]));
  }
  return keys.get(id);
}

const fromBase64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
const fromHex = (hex) => new Uint8Array(hex.match(/../g).map((byte) => parseInt(byte, 16)));
const toBase64 = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)));

async function verifyReReady(request, body, env) {
  const header = request.headers.get("x-reready-signature-512") ?? "";
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=").map((s) => s.trim())));
  if (!parts.t || !parts.v) return null;
  const key = await hmacKey(env.REREADY_SECRET, "SHA-512");
  if (!(await crypto.subtle.verify("HMAC", key, fromHex(parts.v), encoder.encode(`${parts.t}.${body}`)))) return null;
  if (Math.abs(Date.now() / 1000 - Number(parts.t)) > 300) return null;
  const data = JSON.parse(body);
  return {
    provider: "reready",
    id: `${data.device_return_id}:${data.state}`,
    type: "device_return.status_changed",
    sourceType: data.state,
    occurredAt: new Date(Number(parts.t) * 1000).toISOString(),
    subject: { type: "device_return", id: data.device_return_id, reference: null },
    status: { previous: null, current: data.state },
    test: data.test === true,
    data,
  };
}

async function verifyStandardWebhooks(request, body, env) {
  const id = request.headers.get("webhook-id");
  const timestamp = request.headers.get("webhook-timestamp");
  const signatures = (request.headers.get("webhook-signature") ?? "").split(" ");
  if (!id || !timestamp) return null;
  const key = await hmacKey(env.STANDARD_WEBHOOKS_SECRET, "SHA-256");
  const signed = encoder.encode(`${id}.${timestamp}.${body}`);
  let valid = false;
  for (const signature of signatures) {
    const [version, value] = signature.split(",");
    if (version === "v1" && value && (await crypto.subtle.verify("HMAC", key, fromBase64(value), signed))) valid = true;
  }
  if (!valid || Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return null;
  const payload = JSON.parse(body);
  return {
    provider: "standard-webhooks",
    id,
    type: payload.type,
    sourceType: payload.type,
    occurredAt: payload.timestamp ?? new Date(Number(timestamp) * 1000).toISOString(),
    subject: { type: null, id: payload.data?.id ?? null, reference: null },
    status: { previous: null, current: payload.data?.status ?? null },
    test: false,
    data: payload.data,
  };
}

function verifyRedo(request, body, env) {
  if (request.headers.get("authorization") !== `Bearer ${env.REDO_SECRET}`) return null;
  const data = JSON.parse(body);
  return {
    provider: "redo",
    id: `${data.return.id}-${data.at}`,
    type: `return.${data.type}`,
    sourceType: data.type,
    occurredAt: data.at,
    subject: { type: "return", id: data.return.id, reference: null },
    status: { previous: null, current: data.return.status ?? null },
    test: false,
    data,
  };
}

export default {
  async fetch(request, env) {
    const started = Date.now();
    const provider = new URL(request.url).pathname.split("/")[2];
    const body = await request.text();
    const verifiers = { reready: verifyReReady, redo: verifyRedo, "standard-webhooks": verifyStandardWebhooks };
    const event = provider in verifiers ? await verifiers[provider](request, body, env) : null;
    if (!event) return Response.json({ error: "rejected" }, { status: 401 });
    // The same structured log line the gateway writes per delivery.
    console.log(
      JSON.stringify({
        at: new Date().toISOString(),
        provider,
        eventId: event.id,
        type: event.type,
        outcome: "forwarded",
        ms: Date.now() - started,
      }),
    );
    const json = JSON.stringify(event);
    const timestamp = Math.floor(Date.now() / 1000);
    const key = await hmacKey(env.FORWARD_SECRET, "SHA-256");
    const signature = toBase64(await crypto.subtle.sign("HMAC", key, encoder.encode(`${event.id}.${timestamp}.${json}`)));
    const forwarded = await fetch(env.ORIGIN_URL, {
      method: "POST",
      body: json,
      headers: {
        "content-type": "application/json",
        "webhook-id": event.id,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": `v1,${signature}`,
      },
    });
    return forwarded.ok ? Response.json({ ok: true, id: event.id }) : Response.json({ error: "origin_failed" }, { status: 502 });
  },
};
