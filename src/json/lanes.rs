//! Sixteen bytes of JSON at a time: which are quotes, backslashes, opening and closing brackets (the
//! lanes of a wasm SIMD vector, or two 64-bit words elsewhere), and what that says about the brackets
//! outside strings. The nesting-limit walk (`depth.rs`) and the nested-object split (`members.rs`)
//! both read a body through it.

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

#[cfg(test)]
mod tests {
    use super::*;
    // Compiled to wasm32 (scripts/test.sh), these run under wasm-bindgen-test-runner in Node.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

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
}
