#!/usr/bin/env node
// @ts-check
// Sends each provider's documented sample delivery, correctly signed with the demo secrets, to the
// local gateway, and prints what the gateway answered.
// Usage: node js/dev/send-samples.mjs [--gateway http://127.0.0.1:8787] [provider…]
import { parseArgs } from "node:util";
import { providers, signDelivery } from "hookgate";
import { demoSecret, GATEWAY_URL, sampleOf } from "./demo-config.mjs";

const { values, positionals: wanted } = parseArgs({
  options: { gateway: { type: "string", default: GATEWAY_URL } },
  allowPositionals: true,
});
const gateway = values.gateway.replace(/\/+$/, "");
const ids = providers()
  .map((p) => p.id)
  .filter((id) => wanted.length === 0 || wanted.includes(id));
let failures = 0;
for (const id of ids) {
  const sample = sampleOf(id);
  const secret = demoSecret(id);
  const delivery = signDelivery(id, { ...sample, url: `${gateway}/webhooks/${id}` }, { secret, token: secret, ...sample.options });
  let response;
  try {
    response = await fetch(delivery.url, { method: "POST", headers: delivery.headers, body: delivery.body });
  } catch {
    console.error(`cannot reach the gateway at ${gateway}: is \`bash scripts/dev.sh\` running (and on that port)?`);
    process.exit(1);
  }
  const answer = await response.text();
  if (!response.ok) failures++;
  console.log(`${response.ok ? "✓" : "✗"} ${id.padEnd(18)} ${response.status} ${answer}`);
}
process.exitCode = failures ? 1 : 0;
