// @ts-check
// The inspector page: reads the form, asks the wasm core to explain the delivery (with the signed
// string and the expected signatures: this page's user holds the secret), and draws the answer. The
// body is kept as bytes when it comes from a file, so CRLF line endings and a BOM survive; typing in the
// body field makes the field's text the body. No verification logic lives here.
import { explain, parseHeaderLines, providers } from "hookgate/explain";
import { readDeliveryFile } from "./delivery-file.js";
import { byId, copyButton, field } from "./dom.js";
import { labelKeyFields } from "./fields.js";
import { visibleNodes } from "./invisible.js";
import { splitDelivery } from "./raw-request.js";
import { renderIdle, renderResult } from "./render.js";
import { samples } from "./samples.js";
import { curlCommand, signAsSender } from "./sign.js";

/**
 * @typedef {import("hookgate/explain").ProviderId} ProviderId
 * @typedef {import("./delivery-file.js").FileDelivery} FileDelivery
 */

const registry = providers();
const select = /** @type {HTMLSelectElement} */ (field("provider"));
for (const { id, name } of registry) select.append(new Option(name, id));
/** The select's value for a provider pasted as a declaration (no built-in id holds a space). */
const DECLARED = "declared provider";
select.append(new Option("A declaration of your own (JSON)…", DECLARED));

/** The body's exact bytes when a file gave them; null when the body field's text is the body. */
let exactBody = /** @type {Uint8Array | null} */ (null);

const chosen = () => registry.find((p) => p.id === select.value);
const lines = (/** @type {string} */ text) => text.split(/\r?\n/).filter((line) => line.trim() !== "");
const needsScheme = () => chosen()?.credentials.some((c) => c.scheme === "hmac" && !c.headers) ?? false;
/** "Name: value" lines, as the Headers field takes them. @param {[string, string][]} pairs */
const headerLines = (pairs) => pairs.map(([name, value]) => `${name}: ${value}`).join("\n");
const bodyText = () => (exactBody ? new TextDecoder().decode(exactBody) : field("body").value);

function currentOptions() {
  let hmac;
  if (needsScheme() && field("scheme").value.trim()) {
    try {
      hmac = JSON.parse(field("scheme").value);
    } catch {
      hmac = {};
    }
  }
  return {
    secret: lines(field("secret").value),
    token: lines(field("token").value),
    toleranceSeconds: Number(field("tolerance").value || 300),
    now: field("now").value ? Number(field("now").value) : undefined,
    hmac,
    showSigning: true,
  };
}

/**
 * A pasted declaration described as the fields' labels need it: its credentials read the secret (or a
 * token, where it says `key: "token"`).
 * @param {any} declaration @returns {import("hookgate/explain").ProviderDescription}
 */
function describeDeclared(declaration) {
  const credentials = [declaration.credential].flat().filter((c) => c && typeof c === "object");
  return /** @type {any} */ ({
    id: String(declaration.id ?? ""),
    name: String(declaration.name ?? declaration.id ?? "The declared provider"),
    secretFormat: String(declaration.secretFormat ?? "as the sender gives it"),
    credentials: credentials.map((c) => ({
      scheme: c.scheme ?? "hmac",
      option: c.key === "token" ? "token" : "secret",
      place: c.header ? `${[c.header].flat()[0]} header` : c.param ? `\`${c.param}\` URL parameter` : "declared credential",
    })),
  });
}

/**
 * The pasted declaration, or why it cannot be used (shown under it). Checked by the core itself: a
 * malformed one is a TypeError naming the field.
 * @returns {import("hookgate/explain").ProviderDeclaration | null}
 */
function pastedDeclaration() {
  const error = byId("declaration-error");
  const text = field("declaration").value.trim();
  let problem = text ? "" : 'Paste a declaration: { "id": …, "credential": { … }, "event": { … } }.';
  let declaration = null;
  if (text) {
    try {
      declaration = JSON.parse(text);
    } catch (parseError) {
      problem = `Not JSON: ${/** @type {Error} */ (parseError).message}`;
    }
  }
  error.textContent = problem;
  error.hidden = !problem;
  return problem ? null : declaration;
}

function run() {
  const declared = select.value === DECLARED;
  byId("declaration-row").hidden = !declared;
  byId("scheme-row").hidden = !needsScheme();
  /** @type {ProviderId | import("hookgate/explain").ProviderDeclaration | null} */
  let provider = /** @type {ProviderId | null} */ (select.value || null);
  if (declared) {
    provider = pastedDeclaration();
    if (!provider) return renderIdle();
  }
  labelKeyFields(declared ? describeDeclared(provider) : chosen());
  renderInvisible();
  const body = exactBody ?? field("body").value;
  if (body.length === 0 && !field("headers").value) return renderIdle();
  const request = { headers: parseHeaderLines(field("headers").value), body, url: field("url").value || undefined };
  let result;
  try {
    result = explain(provider, request, currentOptions());
  } catch (error) {
    // A declaration the core cannot read: said where it was pasted.
    if (!(declared && error instanceof TypeError)) throw error;
    byId("declaration-error").textContent = error.message.replace(/^hookgate: /, "");
    byId("declaration-error").hidden = false;
    return renderIdle();
  }
  renderResult(result, {
    switchTo(id) {
      select.value = id;
      run();
      select.focus();
    },
    verifyAt(seconds) {
      field("now").value = String(seconds);
      run();
    },
    bodyText,
    nameOf: (id) => registry.find((p) => p.id === id)?.name ?? id,
  });
}

function renderInvisible() {
  const view = byId("invisible");
  view.hidden = !(/** @type {HTMLInputElement} */ (field("show-invisible")).checked);
  if (!view.hidden) view.replaceChildren(...visibleNodes(bodyText()));
}

/** Says where the body's bytes come from. @param {string} text */
function bodyNote(text) {
  const note = byId("body-note");
  note.hidden = !text;
  note.textContent = text;
}

/** Forgets a file read earlier: its name, its HAR requests, its notes. */
function forgetFile() {
  /** @type {HTMLInputElement} */ (field("file")).value = "";
  for (const id of ["har-row", "file-error"]) byId(id).hidden = true;
}

/** Fills the form from a delivery; a body given as bytes is kept exactly. @param {FileDelivery} delivery @param {string} source */
function fill(delivery, source) {
  if (delivery.url) field("url").value = delivery.url;
  if (delivery.headers) field("headers").value = headerLines(delivery.headers);
  exactBody = delivery.body;
  const text = new TextDecoder().decode(delivery.body);
  field("body").value = text;
  const crlf = text.includes("\r") ? " CRLF line endings kept." : "";
  const bom = text.startsWith("\ufeff") ? " Byte order mark kept." : "";
  bodyNote(
    `Body from ${source}: ${delivery.body.length} bytes, kept exactly as read.${crlf}${bom} Editing the field makes its text the body.`,
  );
  run();
}

let pending = 0;
const soon = () => {
  clearTimeout(pending);
  pending = window.setTimeout(run, 120);
};
for (const id of ["secret", "token", "url", "headers", "tolerance", "now", "scheme", "declaration"])
  field(id).addEventListener("input", soon);
field("body").addEventListener("input", () => {
  if (exactBody) {
    const hadCr = new TextDecoder().decode(exactBody).includes("\r");
    exactBody = null;
    bodyNote(
      hadCr
        ? "The body is now the field's text. A text field turns CRLF line endings into LF: open the file again to verify the exact bytes."
        : "The body is now the field's text.",
    );
  }
  soon();
});
select.addEventListener("change", run);
field("show-invisible").addEventListener("change", renderInvisible);

/** The sample's secret, in the form each sender's key takes (the registry's `key`). */
const SAMPLE_KEYS = /** @type {Record<string, string>} */ ({
  whsec: "whsec_c2FtcGxlLXNlY3JldC1mb3ItdGhlLWluc3BlY3Rvcg==",
  hex: "73616d706c652d7365637265742d666f722d7468652d696e73706563746f72",
});

/** The example declaration "Load sample" gives (docs/declarations.md's), and a delivery of it. */
const EXAMPLE_DECLARATION = {
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
const EXAMPLE_BODY = '{"event_id":"ev_42","kind":"order.paid","created_at":"2026-12-05T03:00:00Z","data":{"id":"o_9"}}';

/** Fills the form with a signed delivery of the pasted declaration (the example one when none is). */
function loadDeclaredSample() {
  if (!field("declaration").value.trim()) field("declaration").value = JSON.stringify(EXAMPLE_DECLARATION, null, 2);
  const declaration = pastedDeclaration();
  if (!declaration) return run();
  try {
    const signed = signAsSender(declaration, {
      body: EXAMPLE_BODY,
      url: "https://example.com/webhooks/declared",
      secrets: ["sample-secret"],
      tokens: [],
      now: Math.floor(Date.now() / 1000),
    });
    field("url").value = signed.url;
    field("headers").value = headerLines(Object.entries(signed.headers));
    field("body").value = signed.body;
  } catch {
    // A declaration the core cannot read: run() says why, under it.
  }
  exactBody = null;
  bodyNote("");
  forgetFile();
  field("secret").value = "sample-secret";
  field("token").value = "";
  field("now").value = "";
  run();
}

byId("load-sample").addEventListener("click", () => {
  if (select.value === DECLARED) return loadDeclaredSample();
  const id = /** @type {ProviderId} */ (select.value || "reready");
  const sample = samples[id];
  const credentials = registry.find((p) => p.id === id)?.credentials ?? [];
  const credential = credentials[0];
  const key = SAMPLE_KEYS[credentials.find((c) => c.key)?.key ?? "utf8"] ?? "sample-secret";
  const signed = signAsSender(id, {
    body: sample.body,
    url: `https://example.com/webhooks/${id}`,
    secrets: credential?.option === "token" ? [] : [key],
    tokens: credential?.option === "token" ? [key] : [],
    now: Math.floor(Date.now() / 1000),
    hmac: sample.options?.hmac,
  });
  select.value = id;
  field("url").value = signed.url;
  field("headers").value = headerLines(
    // The signed headers first: they win over the sample's own id and time (Twitch's).
    [...Object.entries(signed.headers), ...Object.entries(sample.headers)].filter(
      ([name], i, all) => all.findIndex(([other]) => other.toLowerCase() === name.toLowerCase()) === i,
    ),
  );
  exactBody = null;
  bodyNote("");
  forgetFile();
  field("body").value = signed.body;
  field("secret").value = credential?.option === "token" ? "" : key;
  field("token").value = credential?.option === "token" ? key : "";
  field("scheme").value = sample.options?.hmac ? JSON.stringify(sample.options.hmac) : "";
  field("now").value = "";
  run();
});

byId("split-raw").addEventListener("click", () => {
  try {
    const { url, headers, body } = splitDelivery(field("raw").value);
    byId("raw-error").hidden = true;
    forgetFile();
    fill({ url, headers, body: new TextEncoder().encode(body) }, "the pasted request (as text: CRLF may already be LF)");
  } catch (error) {
    byId("raw-error").textContent = error instanceof Error ? error.message : String(error);
    byId("raw-error").hidden = false;
  }
});

/** @param {File} file */
async function openFile(file) {
  const error = byId("file-error");
  error.hidden = true;
  byId("har-row").hidden = true;
  try {
    const read = readDeliveryFile(new Uint8Array(await file.arrayBuffer()), file.name);
    if (read.kind !== "har") return fill(read.delivery, `${file.name} (${read.kind === "http" ? "a raw HTTP request" : "the raw body"})`);
    const entries = /** @type {HTMLSelectElement} */ (field("har-entry"));
    entries.replaceChildren(...read.requests.map((request, i) => new Option(request.label, String(i))));
    entries.value = String(read.requests.length - 1);
    byId("har-row").hidden = read.requests.length < 2;
    entries.onchange = () => fill(read.requests[Number(entries.value)].delivery, `${file.name} (HAR)`);
    fill(read.requests[read.requests.length - 1].delivery, `${file.name} (HAR)`);
  } catch (problem) {
    error.textContent = problem instanceof Error ? problem.message : String(problem);
    error.hidden = false;
  }
}
field("file").addEventListener("change", () => {
  const file = /** @type {HTMLInputElement} */ (field("file")).files?.[0];
  if (file) openFile(file);
});
const drop = byId("drop");
drop.addEventListener("dragover", (event) => {
  event.preventDefault();
  drop.classList.add("over");
});
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", (event) => {
  event.preventDefault();
  drop.classList.remove("over");
  const file = event.dataTransfer?.files[0];
  if (file) openFile(file);
});

/** The last delivery signed in sign mode, to verify it. @type {import("hookgate/explain").SignedDelivery | null} */
let lastSigned = null;
byId("sign").addEventListener("click", () => {
  const error = byId("sign-error");
  try {
    const provider = select.value === DECLARED ? pastedDeclaration() : /** @type {ProviderId} */ (select.value);
    if (!provider) throw new Error(select.value === DECLARED ? "paste the declaration to sign as" : "choose a provider to sign as");
    const options = currentOptions();
    lastSigned = signAsSender(provider, {
      body: bodyText(),
      url: field("url").value,
      secrets: options.secret,
      tokens: options.token,
      now: options.now ?? Math.floor(Date.now() / 1000),
      hmac: options.hmac,
    });
    const signed = lastSigned;
    const headers = headerLines(Object.entries(signed.headers));
    byId("signed-headers").textContent = headers || "(none: the credential is in the URL or the body)";
    byId("signed-curl").textContent = curlCommand(signed);
    byId("copy-headers-slot").replaceChildren(copyButton("the signed headers", () => headers));
    byId("copy-curl-slot").replaceChildren(copyButton("the curl command", () => curlCommand(signed)));
    byId("signed").hidden = false;
    error.hidden = true;
  } catch (problem) {
    error.textContent = problem instanceof Error ? problem.message : String(problem);
    error.hidden = false;
  }
});
byId("use-signed").addEventListener("click", () => {
  if (!lastSigned) return;
  const { url, headers, body } = lastSigned;
  fill({ url, headers: Object.entries(headers), body: new TextEncoder().encode(body) }, "sign mode");
});

// The raw-body advice links to the recipes: open them where the link lands.
byId("fix-recipes").addEventListener("click", () => {
  /** @type {HTMLDetailsElement} */ (byId("recipes")).open = true;
});

byId("copy-event").addEventListener("click", async () => {
  await navigator.clipboard.writeText(byId("event").textContent ?? "");
  byId("copy-event").textContent = "Copied";
  setTimeout(() => {
    byId("copy-event").textContent = "Copy";
  }, 1500);
});

run();
document.body.dataset.ready = "true";
