// GitHub vectors, signed by @octokit/webhooks-methods (`sign`).
import { sign } from "@octokit/webhooks-methods";
import { fail, ok, sample, vector, write } from "./vectorlib.mjs";

const SECRET = "gh_webhook_secret_3e2d";
const body = JSON.stringify({ action: "opened", issue: { id: 1, number: 42, title: "Return label missing" },
  repository: { id: 1296269, full_name: "octo-org/returns" } });
const headers = { "X-GitHub-Event": "issues", "X-GitHub-Delivery": "72d3162e-cc78-11e3-81ab-4c9367dc0958", "X-GitHub-Hook-ID": "292430182" };
const event = ok({ provider: "github", id: "72d3162e-cc78-11e3-81ab-4c9367dc0958", type: "issues.opened", sourceType: "issues.opened",
  subject: { type: "repository", id: "1296269", reference: "octo-org/returns" } });
const signature = await sign(SECRET, body);
const ping = JSON.stringify({ zen: "Design for failure.", hook_id: 292430182 });

write("github", [
  vector("github", "valid signature", { ...headers, "X-Hub-Signature-256": signature }, body, { secret: SECRET }, event),
  vector("github", "second of two rotated secrets", { ...headers, "X-Hub-Signature-256": signature }, body, { secret: ["old", SECRET] }, event),
  vector("github", "ping event has no action", { ...headers, "X-GitHub-Event": "ping", "X-Hub-Signature-256": await sign(SECRET, ping) }, ping,
    { secret: SECRET }, ok({ type: "ping", sourceType: "ping" })),
  vector("github", "one byte changed", { ...headers, "X-Hub-Signature-256": signature }, body.replace("42", "43"), { secret: SECRET }, fail("signature_mismatch")),
  vector("github", "wrong secret", { ...headers, "X-Hub-Signature-256": await sign("wrong", body) }, body, { secret: SECRET }, fail("signature_mismatch")),
  vector("github", "no signature header", headers, body, { secret: SECRET }, fail("missing_signature")),
  vector("github", "sha1 signature header only", { ...headers, "X-Hub-Signature": "sha1=0000000000000000000000000000000000000000" }, body,
    { secret: SECRET }, fail("missing_signature")),
  vector("github", "signature without its sha256= prefix", { ...headers, "X-Hub-Signature-256": signature.slice(7) }, body, { secret: SECRET },
    fail("malformed_signature")),
  vector("github", "no secret configured", { ...headers, "X-Hub-Signature-256": signature }, body, { secret: null }, fail("missing_secret")),
], sample(body, headers), "@octokit/webhooks-methods (sign)");
