// The README's Worker quick start followed as written, in a scratch project with the packed tarball in
// node_modules: its example as the file its wrangler.toml names, the secret put in .dev.vars the way its
// shell block does, then `wrangler dev` (the repository's wrangler; its workerd): a signed Stripe
// delivery is answered 200, a forged one 401. Needs Node >= 22 (wrangler).
import assert from "node:assert/strict";
import { copyFileSync, writeFileSync } from "node:fs";
import { test } from "node:test";
import { block, packedProject, root, section, startServer, stripeDelivery } from "./support.mjs";

const SECRET = "whsec_quickstart_test";

test("the README's Worker quick start runs under wrangler dev with its wrangler.toml and .dev.vars", async () => {
  const quickStart = section("README.md", "## Quick start", "**Node**");
  const example = /<!-- example: (\S+) -->/.exec(quickStart)?.[1];
  assert.ok(example, "the quick start shows its Worker from js/examples/");
  const toml = block(quickStart, "toml");
  const shell = block(quickStart, "sh");
  const main = /^main = "(.+)"$/m.exec(toml)?.[1];
  assert.ok(main, "wrangler.toml names the Worker's file");
  // The shell block writes the variable the Worker reads (env.STRIPE_SECRET) into .dev.vars.
  const variable = /^echo '(\w+)=[^']*' > \.dev\.vars/m.exec(shell)?.[1];
  assert.equal(variable, "STRIPE_SECRET");
  assert.match(shell, /^npx wrangler dev\b/m);

  const project = packedProject();
  try {
    copyFileSync(`${root}${example}`, `${project.dir}/${main}`);
    writeFileSync(`${project.dir}/wrangler.toml`, toml);
    writeFileSync(`${project.dir}/.dev.vars`, `${variable}=${SECRET}\n`);
    const args = ["dev", "--ip", "127.0.0.1", "--port", "0", "--inspector-port", "0", "--show-interactive-dev-session=false"];
    const server = await startServer(process.execPath, [`${root}node_modules/wrangler/bin/wrangler.js`, ...args], {
      cwd: project.dir,
      // No metrics, and no fetch of request.cf data from workers.cloudflare.com: nothing leaves the machine.
      env: { WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
      ready: /Ready on (http:\/\/127\.0\.0\.1:\d+)/,
    });
    try {
      assert.match(server.output(), /Using secrets defined in \.dev\.vars/);
      const url = `${server.match[1]}/`;
      const ok = await fetch(url, await stripeDelivery(url, SECRET));
      assert.deepEqual([ok.status, await ok.json()], [200, { received: "evt_runtime" }]);
      const forged = await fetch(url, await stripeDelivery(url, "whsec_guess"));
      assert.deepEqual([forged.status, await forged.json()], [401, { error: "signature_mismatch" }]);
    } finally {
      await server.stop();
    }
  } finally {
    project.remove();
  }
});
