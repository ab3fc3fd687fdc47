// @ts-check
// The one reader of "Name: value" header lines: a captured request's head, the CLI's --headers file,
// the inspector's headers field.

/**
 * `[name, value]` pairs from "Name: value" lines (LF or CRLF). A line without a colon, or with nothing
 * before it, is skipped; names and values are trimmed of surrounding whitespace.
 * @param {string} text
 * @returns {[string, string][]}
 */
export function parseHeaderLines(text) {
  /** @type {[string, string][]} */
  const pairs = [];
  for (const line of text.split(/\r?\n/)) {
    const at = line.indexOf(":");
    const name = line.slice(0, at).trim();
    if (at > 0 && name) pairs.push([name, line.slice(at + 1).trim()]);
  }
  return pairs;
}
