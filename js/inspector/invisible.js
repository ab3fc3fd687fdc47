// @ts-check
// Shows what a text field hides: line endings, tabs, a byte order mark, trailing spaces, non-ASCII
// characters, and the difference between two bodies character by character (jsdiff's diffChars).
import { diffChars } from "diff";
import { el } from "./dom.js";

/** What each invisible character is drawn as. */
const MARKS = /** @type {Record<string, string>} */ ({ "\r": "␍", "\n": "␊", "\t": "⇥", "\ufeff": "[BOM]", "\u00a0": "⍽" });
const INVISIBLE = /[\r\n\t\ufeff\u00a0]| +(?=\r?\n|$)|[^\x20-\x7e\r\n\t]/gu;
/** Beyond this many characters, the view stops (a large body would freeze the page). */
export const SHOWN_CHARACTERS = 20_000;

/**
 * `text` as nodes: printable ASCII as text, every invisible or non-ASCII character marked (with its code
 * point as a tooltip); line feeds still break lines.
 * @param {string} text
 * @returns {Node[]}
 */
export function visibleNodes(text) {
  const shown = text.length > SHOWN_CHARACTERS ? text.slice(0, SHOWN_CHARACTERS) : text;
  /** @type {Node[]} */
  const nodes = [];
  let last = 0;
  for (const match of shown.matchAll(INVISIBLE)) {
    if (match.index > last) nodes.push(document.createTextNode(shown.slice(last, match.index)));
    nodes.push(...marks(match[0]));
    last = match.index + match[0].length;
  }
  if (last < shown.length) nodes.push(document.createTextNode(shown.slice(last)));
  if (shown !== text) nodes.push(el("span", "mark", ` … ${text.length - SHOWN_CHARACTERS} more characters`));
  return nodes;
}

/** @param {string} run */
function marks(run) {
  if (/^ +$/.test(run)) return [mark("·".repeat(run.length), "trailing spaces")];
  const char = run;
  const code = `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
  const drawn = MARKS[char];
  if (!drawn) return [mark(char, code)];
  // A line feed is drawn and still ends the line, so the view keeps the body's shape.
  return char === "\n" ? [mark(drawn, code), document.createTextNode("\n")] : [mark(drawn, code)];
}

/** @param {string} text @param {string} title */
function mark(text, title) {
  const span = el("span", "mark", text);
  span.title = title;
  return span;
}

/**
 * The character diff from `from` to `to`, invisible characters shown: removed in `<del>`, added in `<ins>`.
 * @param {string} from @param {string} to
 * @returns {Node[]}
 */
export function diffNodes(from, to) {
  // Bounded: a body rewritten throughout (pretty against compact) has many edits; past the time limit
  // jsdiff gives up and says so rather than freezing the page.
  const parts = diffChars(from, to, { timeout: 500 });
  if (!parts) return [el("span", "mark", "too many differences to show them one by one")];
  return parts.map((part) => {
    const nodes = visibleNodes(part.value);
    if (part.added) return el("ins", "", ...nodes);
    if (part.removed) return el("del", "", ...nodes);
    return el("span", "", ...nodes);
  });
}
