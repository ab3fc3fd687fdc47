//! The body as the sender may have signed it, when the one that arrived does not verify. Each variant
//! undoes one common change made after signing; they come smallest change first, so the cause named is
//! the smallest change that makes the signature match (an added trailing newline is not explained as
//! re-serialized JSON, though compacting would remove the newline too).

use crate::json::rewrite::{escape_non_ascii, pretty_json, rewrite_json, sorted_keys, unescape_non_ascii};

/// One candidate for the signed body.
pub struct Variant {
    /// The bytes the sender may have signed.
    pub bytes: Vec<u8>,
    /// A stable name for the change, for tools (`trailing-newline-added`, `crlf-to-lf`, …).
    pub change: &'static str,
    /// What happened to the body after signing, in words.
    pub detail: &'static str,
}

const BOM: &[u8] = b"\xef\xbb\xbf";

/// The variants of `body` to try, smallest change first, each different from `body` and the others.
pub fn variants(body: &[u8]) -> Vec<Variant> {
    let mut out: Vec<Variant> = Vec::new();
    let mut add = |bytes: Vec<u8>, change, detail| {
        if bytes != body && out.iter().all(|v| v.bytes != bytes) {
            out.push(Variant { bytes, change, detail });
        }
    };
    let trimmed = body.trim_ascii_end();
    add(
        trimmed.to_vec(),
        "trailing-whitespace-added",
        "a trailing newline or whitespace was added after signing: it verifies without it",
    );
    add(
        [trimmed, b"\n"].concat(),
        "trailing-newline-changed",
        "the sender's body ended with one newline, which was removed or changed after signing: it verifies with it",
    );
    match body.strip_prefix(BOM) {
        Some(rest) => add(
            rest.to_vec(),
            "bom-added",
            "a byte order mark (BOM) was added at the start after signing: it verifies without it",
        ),
        None => add(
            [BOM, body].concat(),
            "bom-removed",
            "the sender's body started with a byte order mark (BOM), removed after signing: it verifies with it",
        ),
    }
    let Ok(text) = std::str::from_utf8(body) else { return out };
    if text.contains("\r\n") {
        add(
            text.replace("\r\n", "\n").into_bytes(),
            "lf-to-crlf",
            "line endings were changed to CRLF after signing: it verifies with LF",
        );
    } else if text.contains('\n') {
        add(
            text.replace('\n', "\r\n").into_bytes(),
            "crlf-to-lf",
            "the sender's CRLF line endings became LF after signing (a browser's text field does this to pasted text): it verifies with CRLF",
        );
    }
    if text.contains("\\/") {
        add(
            text.replace("\\/", "/").into_bytes(),
            "slashes-escaped",
            "`/` was escaped as `\\/` after signing: it verifies with plain `/`",
        );
    } else if text.contains('/') {
        add(
            text.replace('/', "\\/").into_bytes(),
            "slashes-unescaped",
            "the sender escaped `/` as `\\/` (as PHP's json_encode does) and a re-serialization unescaped it: it verifies with `\\/`",
        );
    }
    if let Some(decoded) = unescape_non_ascii(text) {
        add(
            decoded.into_bytes(),
            "unicode-escaped",
            "non-ASCII characters were escaped as `\\uXXXX` after signing: it verifies with them written as UTF-8",
        );
    } else if !text.is_ascii() {
        add(
            escape_non_ascii(text).into_bytes(),
            "unicode-unescaped",
            "the sender escaped non-ASCII characters as `\\uXXXX` (as Python's json.dumps does) and a re-serialization wrote them as UTF-8: it verifies escaped",
        );
    }
    // Re-serialized JSON: only for a body that is JSON (and not too deep to rewrite).
    if serde_json::from_str::<&serde_json::value::RawValue>(text).is_err() || crate::json::check_depth(text).is_err() {
        return out;
    }
    let compact = rewrite_json(text, "", "");
    add(
        compact.clone(),
        "reserialized-from-compact",
        "re-serialized: the sender signed it compact (no spaces or newlines), and it verifies compact",
    );
    add(
        pretty_json(text, "  "),
        "reserialized-from-pretty-2",
        "re-serialized: the sender signed it pretty-printed with 2 spaces (as JSON.stringify(body, null, 2) writes), and it verifies so",
    );
    add(
        pretty_json(text, "    "),
        "reserialized-from-pretty-4",
        "re-serialized: the sender signed it pretty-printed with 4 spaces, and it verifies so",
    );
    add(
        rewrite_json(text, " ", " "),
        "reserialized-from-spaced",
        "re-serialized: the sender signed it with a space after each `,` and `:` (as Python's json.dumps writes), and it verifies so",
    );
    if let Some(sorted) = std::str::from_utf8(&compact).ok().and_then(sorted_keys) {
        add(
            rewrite_json(&sorted, " ", " "),
            "key-order-spaced",
            "re-serialized: the sender signed it with its keys sorted and a space after each `,` and `:` (Python's json.dumps with sort_keys), and it verifies so",
        );
        add(
            sorted.into_bytes(),
            "key-order",
            "re-serialized: the sender signed it with its keys in sorted order (as Go's encoding/json writes), and it verifies so",
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    // Compiled to wasm32 (scripts/test.sh), these run under wasm-bindgen-test-runner in Node.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn first_with(body: &str, signed: &str) -> &'static str {
        variants(body.as_bytes()).into_iter().find(|v| v.bytes == signed.as_bytes()).map(|v| v.change).unwrap_or("none")
    }

    #[test]
    fn names_the_smallest_change_first() {
        let signed = r#"{"a":1,"b":"x/y"}"#;
        // Compacting would also undo an added newline; the newline is the smaller change, and comes first.
        assert_eq!(first_with(&format!("{signed}\n"), signed), "trailing-whitespace-added");
        assert_eq!(first_with(&format!("{signed}\r\n"), signed), "trailing-whitespace-added");
        assert_eq!(first_with(signed, &format!("{signed}\n")), "trailing-newline-changed");
        assert_eq!(first_with(&format!("\u{feff}{signed}"), signed), "bom-added");
        assert_eq!(first_with(signed, &format!("\u{feff}{signed}")), "bom-removed");
        assert_eq!(first_with("{\n\"a\": 1\n}", "{\r\n\"a\": 1\r\n}"), "crlf-to-lf");
        assert_eq!(first_with("{\r\n\"a\": 1\r\n}", "{\n\"a\": 1\n}"), "lf-to-crlf");
        assert_eq!(first_with(signed, r#"{"a":1,"b":"x\/y"}"#), "slashes-unescaped");
        assert_eq!(first_with(r#"{"b":"x\/y"}"#, r#"{"b":"x/y"}"#), "slashes-escaped");
        assert_eq!(first_with(r#"{"n":"Zoë"}"#, r#"{"n":"Zo\u00eb"}"#), "unicode-unescaped");
        assert_eq!(first_with(r#"{"n":"Zo\u00eb"}"#, r#"{"n":"Zoë"}"#), "unicode-escaped");
        assert_eq!(first_with("{\n  \"a\": 1\n}", r#"{"a":1}"#), "reserialized-from-compact");
        assert_eq!(first_with(r#"{"a":1}"#, "{\n  \"a\": 1\n}"), "reserialized-from-pretty-2");
        assert_eq!(first_with(r#"{"a":1,"b":2}"#, r#"{"a": 1, "b": 2}"#), "reserialized-from-spaced");
        assert_eq!(first_with(r#"{"b":1,"a":2}"#, r#"{"a":2,"b":1}"#), "key-order");
        assert_eq!(first_with(r#"{"b":1,"a":2}"#, r#"{"a": 2, "b": 1}"#), "key-order-spaced");
    }

    #[test]
    fn never_offers_the_body_itself_or_the_same_variant_twice() {
        for body in ["{}", "{\"a\":[1,2]}\n", "", "not json\r\n", "\u{feff}"] {
            let found = variants(body.as_bytes());
            assert!(found.iter().all(|v| v.bytes != body.as_bytes()), "{body:?}");
            for (i, v) in found.iter().enumerate() {
                assert!(found[i + 1..].iter().all(|w| w.bytes != v.bytes), "{body:?}: {}", v.change);
            }
        }
    }
}
