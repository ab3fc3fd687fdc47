//! The nesting limit: one pass over the body that finds how deep its objects and arrays go, sixteen
//! bytes at a time (the lanes of a wasm SIMD vector), strings stepped over.

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
                    let line = bytes[..self.index].iter().filter(|b| **b == b'\n').count() + 1;
                    return Err(Error::InvalidJson { line, column: self.index + 1 });
                }
            }
            (false, b'}' | b']') => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        self.index += 1;
        Ok(())
    }
}

/// Bit `i` of each mask is set when byte `i` of a 16-byte chunk is that kind of byte.
pub(super) struct Lanes {
    pub quote: u16,
    pub backslash: u16,
    pub open: u16,
    pub close: u16,
}

impl Lanes {
    /// wasm SIMD: a compare and a bitmask per kind. `{`/`[` and `}`/`]` differ only in bit 0x20.
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    pub fn of(chunk: &[u8]) -> Lanes {
        use core::arch::wasm32::{u64x2, u8x16_bitmask, u8x16_eq, u8x16_splat, v128_or};
        let half = |at: usize| u64::from_le_bytes(chunk[at..at + 8].try_into().unwrap_or_default());
        let vector = u64x2(half(0), half(8));
        let folded = v128_or(vector, u8x16_splat(0x20));
        let lanes = |v, byte| u8x16_bitmask(u8x16_eq(v, u8x16_splat(byte)));
        Lanes {
            quote: lanes(vector, b'"'),
            backslash: lanes(vector, b'\\'),
            open: lanes(folded, b'{'),
            close: lanes(folded, b'}'),
        }
    }

    /// Elsewhere (native builds and tests): the same masks from two 64-bit words (SWAR).
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    pub fn of(chunk: &[u8]) -> Lanes {
        let half = |at: usize| u64::from_le_bytes(chunk[at..at + 8].try_into().unwrap_or_default());
        let (low, high) = (half(0), half(8));
        let (folded_low, folded_high) = (low | 0x2020_2020_2020_2020, high | 0x2020_2020_2020_2020);
        let lanes = |low, high, byte| u16::from(word_lanes(low, byte)) | u16::from(word_lanes(high, byte)) << 8;
        Lanes {
            quote: lanes(low, high, b'"'),
            backslash: lanes(low, high, b'\\'),
            open: lanes(folded_low, folded_high, b'{'),
            close: lanes(folded_low, folded_high, b'}'),
        }
    }

    /// How many `{`/`[` and `}`/`]` of a chunk with no backslash lie outside strings, given whether the
    /// chunk starts inside one.
    pub fn brackets_outside_strings(&self, in_string: bool) -> (usize, usize) {
        // A byte is inside a string when an odd number of quotes precede it, this one included.
        let inside = prefix_xor(self.quote) ^ if in_string { 0xffff } else { 0 };
        ((self.open & !inside).count_ones() as usize, (self.close & !inside).count_ones() as usize)
    }

    /// Whether a chunk with no backslash ends inside a string, given whether it starts inside one.
    pub fn ends_in_string(&self, in_string: bool) -> bool {
        in_string ^ (self.quote.count_ones() % 2 == 1)
    }
}

/// Bit `i` set when byte `i` of `word` (little-endian) is `byte`.
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
fn word_lanes(word: u64, byte: u8) -> u8 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let x = word ^ (u64::from(byte) * 0x0101_0101_0101_0101);
    // 0x80 in each zero byte of `x`, exactly (no carry crosses a byte), then gathered into the top byte.
    let zero = !(((x & LOW7) + LOW7) | x | LOW7);
    ((zero >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) as u8
}

/// Bit `i` becomes the XOR of bits `0..=i`.
fn prefix_xor(mut bits: u16) -> u16 {
    bits ^= bits << 1;
    bits ^= bits << 2;
    bits ^= bits << 4;
    bits ^= bits << 8;
    bits
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
    fn lanes_mark_exactly_the_bytes_of_each_kind() {
        let alphabet = b"[]{}\"\\ a\x7f\xff\x00;=}]";
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..10_000 {
            let chunk: Vec<u8> = (0..16)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    alphabet[(seed % alphabet.len() as u64) as usize]
                })
                .collect();
            let mask = |kind: &[u8]| (0..16).filter(|&i| kind.contains(&chunk[i])).map(|i| 1u16 << i).sum::<u16>();
            let lanes = Lanes::of(&chunk);
            assert_eq!(
                [lanes.quote, lanes.backslash, lanes.open, lanes.close],
                [mask(b"\""), mask(b"\\"), mask(b"{["), mask(b"}]")],
                "{chunk:?}"
            );
        }
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
