// @ts-check
// The inspector page: reads the form, asks the wasm core to explain the delivery, shows the verdict,
// the steps and the normalized event. No verification logic lives here.
import { explain, parseHeaderLines, providers, signDelivery } from "hookgate/explain";
import { splitDelivery } from "./raw-request.js";
import { samples } from "./samples.js";

const $ = (id) => document.getElementById(id);
const fields = ["provider", "secret", "token", "url", "headers", "body", "tolerance", "now", "scheme"];
const registry = providers();

for (const { id, name } of registry) $("provider").append(new Option(name, id));
// The generic provider needs its scheme described: a field shown only for it.
$("headers")
  .closest(".row")
  .insertAdjacentHTML(
    "beforebegin",
    '<div class="row" id="scheme-row" hidden><label for="scheme">HMAC scheme <span class="hint">JSON: header, algorithm, encoding, prefix, signed</span></label><textarea id="scheme" rows="3" spellcheck="false"></textarea></div>',
  );

const lines = (text) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
const needsScheme = (id) => registry.find((p) => p.id === id)?.credentials.some((c) => c.scheme === "hmac" && !c.headers);

function currentOptions() {
  let hmac;
  if (needsScheme($("provider").value) && $("scheme").value.trim()) {
    try {
      hmac = JSON.parse($("scheme").value);
    } catch {
      hmac = {};
    }
  }
  return {
    secret: lines($("secret").value),
    token: lines($("token").value),
    toleranceSeconds: Number($("tolerance").value || 300),
    now: $("now").value ? Number($("now").value) : undefined,
    hmac,
  };
}

function render(result) {
  const verdict = $("verdict");
  verdict.className = `verdict ${result.verdict}`;
  verdict.replaceChildren();
  if (result.verdict === "verified") {
    verdict.append(`✓ Verified: ${result.event.type}`);
  } else {
    verdict.append(`✗ ${result.code}`);
    const why = document.createElement("small");
    why.textContent = result.message;
    verdict.append(why);
  }
  const marks = { pass: "✓", fail: "✗", info: "·" };
  $("steps").replaceChildren(
    ...result.steps.map((step) => {
      const item = document.createElement("li");
      item.className = step.status;
      for (const [cls, text] of [
        ["mark", marks[step.status]],
        ["title", step.title],
        ["detail", step.detail],
      ]) {
        const span = document.createElement("span");
        span.className = cls;
        span.textContent = text;
        item.append(span);
      }
      return item;
    }),
  );
  $("event").textContent = result.event ? JSON.stringify(result.event, null, 2) : "—";
  $("copy-event").disabled = !result.event;
}

function run() {
  $("scheme-row").hidden = !needsScheme($("provider").value);
  if (!$("body").value && !$("headers").value) {
    $("verdict").className = "verdict idle";
    $("verdict").textContent = "Fill in a delivery, or load a sample.";
    $("steps").replaceChildren();
    $("event").textContent = "—";
    return;
  }
  const request = { headers: parseHeaderLines($("headers").value), body: $("body").value, url: $("url").value || undefined };
  render(explain($("provider").value || null, request, currentOptions()));
}

let pending;
for (const id of fields)
  $(id)?.addEventListener("input", () => {
    clearTimeout(pending);
    pending = setTimeout(run, 120);
  });
$("provider").addEventListener("change", run);

$("load-sample").addEventListener("click", () => {
  const id = $("provider").value || "reready";
  const sample = samples[id];
  const secret = id === "standard-webhooks" ? "whsec_c2FtcGxlLXNlY3JldC1mb3ItdGhlLWluc3BlY3Rvcg==" : "sample-secret";
  const delivery = signDelivery(id, { ...sample, url: `https://example.com/webhooks/${id}` }, { secret, token: secret, ...sample.options });
  $("url").value = delivery.url;
  $("headers").value = Object.entries(delivery.headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join("\n");
  $("body").value = delivery.body;
  const tokenScheme = registry.find((p) => p.id === id).credentials[0].option === "token";
  $("secret").value = tokenScheme ? "" : secret;
  $("token").value = tokenScheme ? secret : "";
  $("scheme").value = sample.options?.hmac ? JSON.stringify(sample.options.hmac) : "";
  $("now").value = "";
  run();
});

$("split-raw").addEventListener("click", () => {
  try {
    const { url, headers, body } = splitDelivery($("raw").value);
    $("url").value = url;
    $("headers").value = headers.map(([name, value]) => `${name}: ${value}`).join("\n");
    $("body").value = body;
    $("raw-error").hidden = true;
    run();
  } catch (error) {
    $("raw-error").textContent = error.message;
    $("raw-error").hidden = false;
  }
});

$("copy-event").addEventListener("click", async () => {
  await navigator.clipboard.writeText($("event").textContent);
  $("copy-event").textContent = "Copied";
  setTimeout(() => ($("copy-event").textContent = "Copy"), 1500);
});

document.body.dataset.ready = "true";
