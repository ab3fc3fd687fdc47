// @ts-check
// The defaults every hookgate entry uses, in one place (the core's own defaults are the same numbers,
// which a test checks), and the one check of a limit option.

/** Default largest distance between a signed timestamp and now, in seconds. */
export const DEFAULT_TOLERANCE_SECONDS = 300;
/** Default largest accepted body, in bytes (1 MiB). */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * A limit option: absent means the default; anything but a finite non-negative number is a programmer's
 * error, never a silently wider or narrower check (NaN would have become 0, Infinity no limit at all).
 * @param {unknown} value
 * @param {string} name
 * @param {number} fallback
 * @returns {number}
 */
export function limitOption(value, name, fallback) {
  if (value == null) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new TypeError(`hookgate: options.${name} must be a finite, non-negative number`);
  }
  return value;
}
