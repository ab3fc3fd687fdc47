// @ts-check
// Draws an explanation in the result panel: the verdict (announced alone to screen readers, and kept in
// view on a phone), another provider the delivery looks like, the signed time in human terms, the steps,
// what changed in the body, the signed string and the expected signatures, and the event.
import { byId, copyButton, el, prose } from "./dom.js";
import { diffNodes, visibleNodes } from "./invisible.js";

/**
 * @typedef {import("hookgate/explain").Explanation} Explanation
 * @typedef {{ switchTo(provider: string): void, verifyAt(seconds: number): void, bodyText(): string, nameOf(provider: string): string }} Actions
 */

const MARKS = { pass: "✓", fail: "✗", info: "·" };

/** `3 hours 4 minutes`, `45 seconds`. @param {number} seconds */
export function humanDuration(seconds) {
  const units = /** @type {const} */ ([
    ["day", 86_400],
    ["hour", 3_600],
    ["minute", 60],
    ["second", 1],
  ]);
  const parts = [];
  let left = Math.abs(Math.round(seconds));
  for (const [name, size] of units) {
    const count = Math.floor(left / size);
    left -= count * size;
    if (count > 0) parts.push(`${count} ${name}${count === 1 ? "" : "s"}`);
    if (parts.length === 2) break;
  }
  return parts.join(" ") || "0 seconds";
}

/** The verdict's line: what screen readers hear and what the phone's sticky bar shows. @param {Explanation} result */
function verdictLine(result) {
  if (result.verdict === "verified") return `Verified: ${result.event?.type}`;
  return `Rejected: ${result.code}`;
}

/** Clears the panel back to its idle state. */
export function renderIdle() {
  const verdict = byId("verdict");
  verdict.className = "verdict idle";
  verdict.textContent = "Fill in a delivery, or load a sample.";
  for (const id of ["suggestion", "timestamp", "fix", "signing", "sticky-verdict"]) byId(id).hidden = true;
  byId("steps").replaceChildren();
  byId("event").textContent = "—";
  byId("event-title").textContent = "Normalized event";
  /** @type {HTMLButtonElement} */ (byId("copy-event")).disabled = true;
  announce("");
}

let announced = "";
/** Tells screen readers the verdict, only when it changes (not the whole panel on every keystroke). @param {string} line */
function announce(line) {
  if (line === announced) return;
  announced = line;
  byId("announce").textContent = line;
}

/** @param {Explanation} result @param {Actions} actions */
export function renderResult(result, actions) {
  const verdict = byId("verdict");
  verdict.className = `verdict ${result.verdict}`;
  verdict.replaceChildren(result.verdict === "verified" ? `✓ ${verdictLine(result)}` : `✗ ${result.code}`);
  if (result.verdict !== "verified" && result.message) verdict.append(el("small", "", ...prose(result.message)));
  announce(verdictLine(result));
  const sticky = byId("sticky-verdict");
  sticky.hidden = false;
  sticky.className = `sticky-verdict ${result.verdict}`;
  byId("sticky-link").textContent = `${result.verdict === "verified" ? "✓" : "✗"} ${verdictLine(result)}: see why`;

  renderSuggestion(result, actions);
  renderTimestamp(result, actions);
  byId("steps").replaceChildren(
    ...result.steps.map((step) =>
      el(
        "li",
        step.status,
        el("span", "mark", MARKS[step.status]),
        el("span", "title", step.title),
        el("span", "detail", ...prose(step.detail)),
      ),
    ),
  );
  renderFix(result, actions);
  renderSigning(result);
  renderEvent(result);
}

/** @param {Explanation} result @param {Actions} actions */
function renderSuggestion(result, actions) {
  const box = byId("suggestion");
  box.hidden = !result.suggestion;
  if (!result.suggestion) return;
  const other = result.suggestion;
  const name = actions.nameOf(other);
  const button = el("button", "", `Switch to ${name}`);
  button.type = "button";
  button.addEventListener("click", () => actions.switchTo(other));
  box.replaceChildren(el("span", "", `This looks like a ${name} delivery: its credential is here, the chosen provider's is not.`), button);
}

/** @param {Explanation} result @param {Actions} actions */
function renderTimestamp(result, actions) {
  const box = byId("timestamp");
  const t = result.timestamp;
  box.hidden = !t;
  if (!t) return;
  const signedAt = new Date(t.signed * 1000)
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, " UTC");
  const when =
    t.age >= 0
      ? `${humanDuration(t.age)} before the verification time`
      : `${humanDuration(t.age)} after the verification time (in the future)`;
  const within = Math.abs(t.age) <= t.tolerance;
  /** @type {HTMLElement[]} */
  const lines = [el("p", "", `Signed at ${signedAt}: ${when}. The tolerance is ${humanDuration(t.tolerance)}.`)];
  if (!within) {
    const why =
      t.age < 0
        ? "A timestamp in the future means a clock is off: the sender's, or this machine's (clock skew)."
        : "Too old: a retry delivered late, a delivery queued somewhere, or a replay of a captured delivery.";
    lines.push(el("p", "", why));
    const button = el("button", "", "Verify at the signed time");
    button.type = "button";
    button.addEventListener("click", () => actions.verifyAt(t.signed));
    lines.push(button);
  }
  box.className = `timestamp ${within ? "pass" : "fail"}`;
  box.replaceChildren(...lines);
}

/** @param {Explanation} result @param {Actions} actions */
function renderFix(result, actions) {
  const box = byId("fix");
  box.hidden = !result.fix;
  if (!result.fix) return;
  byId("diff").replaceChildren(...diffNodes(actions.bodyText(), result.fix.body));
}

/** @param {Explanation} result */
function renderSigning(result) {
  const box = byId("signing");
  const signing = result.signing;
  box.hidden = !signing;
  if (!signing) return;
  byId("signing-scheme").replaceChildren(...prose(signing.scheme));
  byId("signed-string-title").textContent = `Signed string (${signing.signedBytes} bytes)`;
  byId("signed-string").replaceChildren(...visibleNodes(signing.signed));
  byId("copy-signed-slot").replaceChildren(copyButton("the signed string", () => signing.signed));
  const rows = [
    ...signing.presented.map((signature, i) =>
      signatureRow(`In the delivery${signing.presented.length > 1 ? ` (#${i + 1})` : ""}`, signature),
    ),
    ...signing.expected.map((expected) => signatureRow(`Expected with secret #${expected.secret}`, expected.signature, expected.header)),
  ];
  byId("signatures").replaceChildren(...rows);
}

/** @param {string} label @param {string} signature @param {string} [header] */
function signatureRow(label, signature, header) {
  const row = el(
    "div",
    "signature",
    el("h4", "", label),
    copyButton(`${label.toLowerCase()}`, () => signature),
    el("code", "", signature),
  );
  if (header && header !== signature)
    row.append(
      el("small", "", "Header value: "),
      el("code", "", header),
      copyButton(`${label.toLowerCase()} header`, () => header),
    );
  return row;
}

/** @param {Explanation} result */
function renderEvent(result) {
  const event = result.event ?? result.staleEvent;
  byId("event-title").textContent = result.event
    ? "Normalized event"
    : result.staleEvent
      ? "Normalized event (authentic, but outside the tolerance)"
      : "Normalized event";
  byId("event").textContent = event ? JSON.stringify(event, null, 2) : "—";
  /** @type {HTMLButtonElement} */ (byId("copy-event")).disabled = !event;
}
