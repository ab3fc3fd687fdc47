#!/usr/bin/env node
// @ts-check
// Sends each provider's documented sample delivery, correctly signed with the demo secrets, to the
// local gateway, and prints what the gateway answered. Usage: node js/dev/send-samples.mjs [provider…]
import { providers, signDelivery } from "hookgate";
import { demoSecret, GATEWAY_URL, sampleOf } from "./demo-config.mjs";

const wanted = process.argv.slice(2);
const ids = providers()
  .map((p) => p.id)
  .filter((id) => wanted.length === 0 || wanted.includes(id));
let failures = 0;
for (const id of ids) {
  const sample = sampleOf(id);
  const secret = demoSecret(id);
  const delivery = signDelivery(id, { ...sample, url: `${GATEWAY_URL}/webhooks/${id}` }, { secret, token: secret, ...sample.options });
  const response = await fetch(delivery.url, { method: "POST", headers: delivery.headers, body: delivery.body });
  const answer = await response.text();
  if (!response.ok) failures++;
  console.log(`${response.ok ? "✓" : "✗"} ${id.padEnd(18)} ${response.status} ${answer}`);
}
process.exitCode = failures ? 1 : 0;
