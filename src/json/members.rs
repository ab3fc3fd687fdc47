//! The members of an object that serde_json has already validated, found from its structure alone.
//! A nested lookup (`data.id`) had serde_json parse its object again, so most of a payload was
//! validated twice; this reads those bytes sixteen at a time instead.

use super::lanes::Lanes;

/// `(raw key, raw value)` of each member of `text`, in order; `None` when a key does not decode.
///
/// `text` must be one JSON object exactly as a validating parse accepted it: the raw value of a member
/// of an object that was parsed whole. Anything else gives members that mean nothing (never a panic).
/// serde_json's skip accepts an escaped lone surrogate (`"\udc00"`) that its decoding refuses, so a key
/// can still fail to decode here.
pub fn members_of_valid(text: &str) -> Option<Vec<(&str, &str)>> {
    let bytes = text.as_bytes();
    let mut members = Vec::new();
    let mut at = skip_whitespace(bytes, 1); // past `{`
    while bytes.get(at) == Some(&b'"') {
        let key_end = string_end(bytes, at);
        let key = text.get(at..key_end).unwrap_or_default();
        if key.contains('\\') {
            super::string(key)?;
        }
        let value_start = skip_whitespace(bytes, skip_whitespace(bytes, key_end) + 1); // past `:`
        let value_end = value_end(bytes, value_start);
        members.push((key, text.get(value_start..value_end).unwrap_or_default()));
        at = skip_whitespace(bytes, value_end);
        if bytes.get(at) == Some(&b',') {
            at = skip_whitespace(bytes, at + 1);
        }
    }
    Some(members)
}

/// The raw elements of `text`, one JSON array exactly as a validating parse accepted it (as for
/// [`members_of_valid`]), in order.
pub fn elements_of_valid(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut elements = Vec::new();
    let mut at = skip_whitespace(bytes, 1); // past `[`
    while at < bytes.len() && bytes[at] != b']' {
        let end = value_end(bytes, at);
        elements.push(text.get(at..end).unwrap_or_default());
        at = skip_whitespace(bytes, end);
        if bytes.get(at) == Some(&b',') {
            at = skip_whitespace(bytes, at + 1);
        } else {
            break;
        }
    }
    elements
}

fn skip_whitespace(bytes: &[u8], mut at: usize) -> usize {
    while matches!(bytes.get(at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        at += 1;
    }
    at
}

/// Just past the value that starts at `at`.
pub(crate) fn value_end(bytes: &[u8], at: usize) -> usize {
    match bytes.get(at) {
        Some(b'"') => string_end(bytes, at),
        Some(b'{' | b'[') => container_end(bytes, at),
        // A number, `true`, `false` or `null`: up to what follows a value.
        _ => {
            let rest = bytes.get(at..).unwrap_or_default();
            at + rest
                .iter()
                .position(|b| matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r'))
                .unwrap_or(rest.len())
        }
    }
}

/// Just past the closing quote of the string that opens at `at`.
fn string_end(bytes: &[u8], at: usize) -> usize {
    let mut index = at + 1;
    while let Some(found) = bytes.get(index..).and_then(|rest| memchr::memchr2(b'"', b'\\', rest)) {
        index += found;
        if bytes[index] == b'"' {
            return index + 1;
        }
        index += 2; // a backslash and the byte it escapes
    }
    bytes.len()
}

/// Just past the bracket that closes the object or array opening at `at`. Sixteen bytes at a time
/// while a chunk has no backslash and cannot close the value; byte by byte otherwise.
fn container_end(bytes: &[u8], at: usize) -> usize {
    let (mut depth, mut in_string, mut index) = (0usize, false, at);
    loop {
        if depth > 0 {
            if let Some(chunk) = bytes.get(index..index + 16) {
                let lanes = Lanes::of(chunk);
                if lanes.backslash == 0 {
                    let (opens, closes) = lanes.brackets_outside_strings(in_string);
                    // Even with every close first, the value stays open past this chunk.
                    if closes < depth {
                        depth = depth + opens - closes;
                        in_string = lanes.ends_in_string(in_string);
                        index += 16;
                        continue;
                    }
                }
            }
        }
        let Some(&byte) = bytes.get(index) else { return bytes.len() };
        match (in_string, byte) {
            (true, b'\\') => index += 1, // the escaped byte is skipped with this one
            (_, b'"') => in_string = !in_string,
            (false, b'{' | b'[') => depth += 1,
            (false, b'}' | b']') => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return index + 1;
                }
            }
            _ => {}
        }
        index += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    // Compiled to wasm32 (scripts/test.sh), these run under wasm-bindgen-test-runner in Node.
    use crate::json::Object;
    use proptest::prelude::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// serde_json's reading of the same object: what `members_of_valid` must agree with.
    fn parsed(text: &str) -> Vec<(String, String)> {
        let object = Object::parse(text).unwrap();
        object.members().iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    fn split(text: &str) -> Vec<(String, String)> {
        members_of_valid(text).unwrap().into_iter().map(|(k, v)| (k.to_owned(), v.to_owned())).collect()
    }

    #[test]
    fn splits_like_serde_json_at_every_chunk_offset() {
        // Brackets and escapes inside strings and keys, nested containers, every scalar, whitespace,
        // each at every position relative to the 16-byte chunks.
        let values = [
            r#""a[\"{""#,
            r#""\\""#,
            r#"{"x\\\"]": [1, {"y": "}]"}], "z": {}}"#,
            "-1.5e+3",
            "true",
            "null",
            r#"[[[[[[[[[[[[[[[[[[[[ "]]" ]]]]]]]]]]]]]]]]]]]]"#,
            r#""\u0041\n""#,
            "[]",
        ];
        for pad in 0..17 {
            for (index, value) in values.iter().enumerate() {
                let next = values[(index + 1) % values.len()];
                let key = if index % 2 == 0 { r#""k\"ey""# } else { r#""\u006b""# };
                let text = format!("{{{}\"p\" : 0 ,{key}:{value},\n\t\"last\":{next}, \"p\":1 }}", " ".repeat(pad));
                assert_eq!(split(&text), parsed(&text), "{text}");
            }
        }
        assert_eq!(split("{}"), parsed("{}"));
        assert_eq!(split(" { } "), parsed(" { } "));
    }

    fn json_value() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::Bool),
            any::<i64>().prop_map(Into::into),
            "[\\[\\]{}\"\\\\a-z \u{e9}\u{1f600}\n]{0,20}".prop_map(serde_json::Value::String),
        ];
        leaf.prop_recursive(4, 64, 8, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..8).prop_map(serde_json::Value::Array),
                prop::collection::vec(("[\\[{\"\\\\a-z]{0,6}", inner), 0..8)
                    .prop_map(|members| serde_json::Value::Object(members.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn splits_any_object_like_serde_json(
            members in prop::collection::vec(("[\\[{\"\\\\a-z]{0,6}", json_value()), 0..8),
            pretty in any::<bool>(),
        ) {
            let object = serde_json::Value::Object(members.into_iter().collect());
            let text = if pretty { serde_json::to_string_pretty(&object) } else { serde_json::to_string(&object) }.unwrap();
            prop_assert_eq!(split(&text), parsed(&text));
        }
    }
}
