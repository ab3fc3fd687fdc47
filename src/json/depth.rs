//! The nesting limit: one pass over the body that finds how deep its objects and arrays go, sixteen
//! bytes at a time (the lanes of a wasm SIMD vector), strings stepped over.

use super::lanes::Lanes;
use crate::Error;

/// Deepest nesting of objects and arrays accepted anywhere in a body (serde_json's own limit for the
/// values it builds). Deeper bodies are refused as `invalid_json`: hookgate skips most of a payload
/// without recursing, but whoever parses the forwarded event next may recurse and overflow its stack.
pub const MAX_DEPTH: usize = 128;

/// `invalid_json` when `text` nests objects and arrays deeper than [`MAX_DEPTH`].
///
/// Exact for JSON (what serde_json accepts next). For text that is not JSON it may answer either
/// way, and the parse that follows refuses that text as `invalid_json` anyway.
pub fn check_depth(text: &str) -> Result<(), Error> {
    let bytes = text.as_bytes();
    // With no more opening brackets than the limit in all, nothing can nest past it: one vectorized
    // count spares most payloads the walk below.
    if !more_openings_than(bytes, MAX_DEPTH) {
        return Ok(());
    }
    let mut walk = Walk { depth: 0, in_string: false, index: 0 };
    while walk.index < bytes.len() {
        if let Some(chunk) = bytes.get(walk.index..walk.index + 16) {
            if walk.chunk(Lanes::of(chunk)) {
                continue;
            }
            // An escape or a possible overflow: these sixteen bytes one by one, exactly.
            let end = walk.index + 16;
            while walk.index < end {
                walk.byte(bytes)?;
            }
        } else {
            walk.byte(bytes)?;
        }
    }
    Ok(())
}

struct Walk {
    depth: usize,
    in_string: bool,
    index: usize,
}

impl Walk {
    /// Takes a chunk whole when it has no backslash and cannot pass the limit; `false` leaves it.
    fn chunk(&mut self, lanes: Lanes) -> bool {
        if lanes.backslash != 0 {
            return false;
        }
        let (opens, closes) = lanes.brackets_outside_strings(self.in_string);
        if self.depth + opens > MAX_DEPTH {
            return false;
        }
        // In JSON no prefix closes more than it opened, so the order inside the chunk does not matter.
        self.depth = (self.depth + opens).saturating_sub(closes);
        self.in_string = lanes.ends_in_string(self.in_string);
        self.index += 16;
        true
    }

    fn byte(&mut self, bytes: &[u8]) -> Result<(), Error> {
        let byte = bytes[self.index];
        match (self.in_string, byte) {
            (true, b'\\') => self.index += 1, // the escaped byte is skipped with this one
            (_, b'"') => self.in_string = !self.in_string,
            (false, b'{' | b'[') => {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return Err(super::error_at(bytes, self.index));
                }
            }
            (false, b'}' | b']') => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        self.index += 1;
        Ok(())
    }
}

/// Whether `bytes` holds more than `limit` `{` and `[` bytes, counted in byte-sized lanes over chunks
/// of 255 so that it vectorizes, and stopping at the chunk that passes `limit` (a large payload with
/// many objects passes it early and is walked anyway).
fn more_openings_than(bytes: &[u8], limit: usize) -> bool {
    let mut seen = 0;
    bytes.chunks(255).any(|chunk| {
        seen += usize::from(chunk.iter().fold(0u8, |n, &b| n + (u8::from(b == b'{') | u8::from(b == b'['))));
        seen > limit
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    // Compiled to wasm32 (scripts/test.sh), these run under wasm-bindgen-test-runner in Node.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// The plain walk, a byte at a time: what `check_depth` must agree with on JSON.
    fn deepest(text: &str) -> usize {
        let (mut depth, mut deepest, mut in_string, mut escaped) = (0usize, 0, false, false);
        for byte in text.bytes() {
            match (in_string, escaped, byte) {
                (true, true, _) => escaped = false,
                (true, false, b'\\') => escaped = true,
                (_, _, b'"') => in_string = !in_string,
                (false, _, b'{' | b'[') => depth += 1,
                (false, _, b'}' | b']') => depth -= 1,
                _ => {}
            }
            deepest = deepest.max(depth);
        }
        deepest
    }

    #[test]
    fn says_where_the_nesting_passes_the_limit_as_line_and_column() {
        let text = format!("{{\n  \"a\": {}", "[".repeat(MAX_DEPTH));
        // The 128th `[` opens level 129; it is the 135th byte of line 2 (after 7 bytes of `  "a": `).
        assert_eq!(check_depth(&text), Err(Error::InvalidJson { line: 2, column: 7 + MAX_DEPTH }));
    }

    #[test]
    fn refuses_nesting_deeper_than_the_limit_wherever_it_is() {
        let nested = |depth: usize| format!(r#"{{"a": "[{{", "b": {}{}}}"#, "[".repeat(depth), "]".repeat(depth));
        assert!(check_depth(&nested(MAX_DEPTH - 1)).is_ok());
        assert_eq!(check_depth(&nested(MAX_DEPTH)).unwrap_err().code(), "invalid_json");
        assert_eq!(check_depth(&"[".repeat(100_000)).unwrap_err().code(), "invalid_json");
        for unfinished in ["\"abc\\", "\"\\", "[\"", "\"", &format!("{}\"\\", "[".repeat(200))] {
            let _ = check_depth(unfinished); // not JSON: either answer, but no panic
        }
        assert!(check_depth(r#"{"s": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"[[["}"#).is_ok());
    }

    #[test]
    fn agrees_with_the_plain_walk_at_every_chunk_offset() {
        // Brackets inside strings, escaped quotes and backslashes, at every position relative to the
        // 16-byte chunks, around the limit.
        let pieces = [r#""a[\"{""#, r#""\\""#, r#""x\\\"]""#, "1", r#""[[[[[[[[[[[[[[[[[[[[""#];
        for pad in 0..17 {
            for (p, piece) in pieces.iter().enumerate() {
                for depth in [MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1] {
                    let open: String = (0..depth).map(|i| if i % 2 == 0 { "[" } else { "{\"k\":" }).collect();
                    let close: String = (0..depth).rev().map(|i| if i % 2 == 0 { "]" } else { "}" }).collect();
                    let text = format!("{}{open}{piece}{close}", " ".repeat(pad));
                    let before = vec![pieces[(p + 1) % pieces.len()]; pad].join(",");
                    let text = if pad == 0 { text } else { format!("[{before},{text}]") };
                    assert!(serde_json::from_str::<serde::de::IgnoredAny>(&text).is_ok(), "not JSON: {text}");
                    assert_eq!(
                        check_depth(&text).is_ok(),
                        deepest(&text) <= MAX_DEPTH,
                        "pad {pad}, depth {depth}: {text}"
                    );
                }
            }
        }
    }
}
