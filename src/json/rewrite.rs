//! JSON re-written the ways frameworks and languages write it (compact, `, `/`: ` spaced, pretty-printed
//! with 2 or 4 spaces, keys sorted, non-ASCII escaped or not), strings otherwise left exactly as they
//! are: `explain` tries each on a body whose signature does not match, to say how it was changed after
//! signing.

use std::borrow::Cow;

use super::members::{members_of_valid, value_end};

/// Rewrites JSON outside its strings: strings are copied as they are, every other character goes
/// to `outside` (with the next one, for `{}`/`[]` lookahead), which writes what it wants.
fn rewrite_outside_strings(text: &str, mut outside: impl FnMut(char, Option<char>, &mut String) -> bool) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let (mut in_string, mut escaped) = (false, false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if outside(c, chars.peek().copied(), &mut out) {
            chars.next(); // the lookahead was used
        }
    }
    out
}

/// Re-spaces JSON: `comma`/`colon` after each `,`/`:`, no other whitespace.
pub fn rewrite_json(text: &str, comma: &str, colon: &str) -> Vec<u8> {
    rewrite_outside_strings(text, |c, _, out| {
        match c {
            ' ' | '\t' | '\n' | '\r' => {}
            ',' => {
                out.push(',');
                out.push_str(comma);
            }
            ':' => {
                out.push(':');
                out.push_str(colon);
            }
            c => out.push(c),
        }
        false
    })
    .into_bytes()
}

/// Pretty-prints JSON the way `JSON.stringify(value, null, indent)` does (empty `{}` and `[]` stay closed).
pub fn pretty_json(text: &str, indent: &str) -> Vec<u8> {
    let compact = String::from_utf8(rewrite_json(text, "", "")).unwrap_or_default();
    let mut depth = 0usize;
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        (0..depth).for_each(|_| out.push_str(indent));
    };
    rewrite_outside_strings(&compact, |c, next, out| {
        match c {
            '{' | '[' if matches!(next, Some('}' | ']')) => {
                out.push(c);
                out.extend(next);
                return true;
            }
            '{' | '[' => {
                out.push(c);
                depth += 1;
                newline(out, depth);
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(out, depth);
                out.push(c);
            }
            ',' => {
                out.push(',');
                newline(out, depth);
            }
            ':' => out.push_str(": "),
            c => out.push(c),
        }
        false
    })
    .into_bytes()
}

/// Compact JSON with every object's members sorted by key, as Go's `encoding/json` and Python's
/// `sort_keys=True` write it (UTF-8 byte order, which is code point order). `compact` must be compact
/// JSON that a validating parse accepted; `None` when a key does not decode.
pub fn sorted_keys(compact: &str) -> Option<String> {
    let mut out = String::with_capacity(compact.len());
    write_sorted(compact, &mut out)?;
    Some(out)
}

// Recursion is bounded: bodies deeper than 128 levels are refused before anything is explained.
fn write_sorted(value: &str, out: &mut String) -> Option<()> {
    match value.as_bytes().first() {
        Some(b'{') => {
            let mut members = members_of_valid(value)?
                .into_iter()
                .map(|(key, value)| Some((super::string(key)?, key, value)))
                .collect::<Option<Vec<(Cow<'_, str>, &str, &str)>>>()?;
            // The variant is a guess among many: past 1,000 members it is not tried.
            if members.len() > 1000 {
                return None;
            }
            crate::sort::heapsort_by(&mut members, |a, b| a.0 < b.0);
            out.push('{');
            for (index, (_, key, value)) in members.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                out.push_str(key);
                out.push(':');
                write_sorted(value, out)?;
            }
            out.push('}');
        }
        Some(b'[') => {
            let bytes = value.as_bytes();
            let mut at = 1;
            out.push('[');
            while at < bytes.len() && bytes[at] != b']' {
                let end = value_end(bytes, at);
                if at > 1 {
                    out.push(',');
                }
                write_sorted(value.get(at..end)?, out)?;
                at = end + usize::from(bytes.get(end) == Some(&b','));
            }
            out.push(']');
        }
        _ => out.push_str(value),
    }
    Some(())
}

/// Every non-ASCII character written as `\uXXXX` (a surrogate pair past U+FFFF), as Python's
/// `json.dumps` writes by default. In JSON text non-ASCII can only be inside strings.
pub fn escape_non_ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        let mut units = [0u16; 2];
        for unit in c.encode_utf16(&mut units) {
            out.push_str("\\u");
            for shift in [12, 8, 4, 0] {
                out.push(char::from(b"0123456789abcdef"[usize::from((*unit >> shift) & 0xf)]));
            }
        }
    }
    out
}

/// Every `\uXXXX` escape of a non-ASCII character written as the character itself (as
/// `JSON.stringify` writes it); `None` when there is none. Other escapes are left as they are.
pub fn unescape_non_ascii(text: &str) -> Option<String> {
    let hex = |at: usize| text.get(at..at + 4).and_then(|digits| u16::from_str_radix(digits, 16).ok());
    let mut out = String::with_capacity(text.len());
    let (mut at, mut copied, mut changed) = (0, 0, false);
    let bytes = text.as_bytes();
    while let Some(found) = memchr::memchr(b'\\', bytes.get(at..)?) {
        let slash = at + found;
        at = slash + 2; // an escape is a backslash and at least one more byte
        if bytes.get(slash + 1) != Some(&b'u') {
            continue;
        }
        let Some(unit) = hex(slash + 2) else { continue };
        let (c, end) = match unit {
            0..=0x7f => continue,
            0xd800..=0xdbff => match (text.get(slash + 6..slash + 8), hex(slash + 8)) {
                (Some("\\u"), Some(low @ 0xdc00..=0xdfff)) => {
                    let code = 0x10000 + ((u32::from(unit) - 0xd800) << 10) + (u32::from(low) - 0xdc00);
                    (char::from_u32(code), slash + 12)
                }
                _ => (None, slash + 6),
            },
            _ => (char::from_u32(u32::from(unit)), slash + 6),
        };
        let Some(c) = c else { continue };
        out.push_str(text.get(copied..slash)?);
        out.push(c);
        copied = end;
        at = end;
        changed = true;
    }
    if !changed {
        return None;
    }
    out.push_str(text.get(copied..)?);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    // Compiled to wasm32 (scripts/test.sh), these run under wasm-bindgen-test-runner in Node.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn rewrites_json_as_compact_spaced_and_pretty_leaving_strings_alone() {
        let text = "{ \"a, b\": [1, {}], \"c\": {\"d\": \"x: y\"} }";
        assert_eq!(rewrite_json(text, "", ""), br#"{"a, b":[1,{}],"c":{"d":"x: y"}}"#);
        assert_eq!(rewrite_json(text, " ", " "), br#"{"a, b": [1, {}], "c": {"d": "x: y"}}"#);
        let pretty = String::from_utf8(pretty_json(text, "  ")).unwrap();
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(pretty, serde_json::to_string_pretty(&value).unwrap());
    }

    #[test]
    fn sorts_keys_at_every_depth_as_serde_json_does() {
        let compact = r#"{"b":1,"a":{"z":[{"y":1,"x":2}],"\u0061b":true},"A":"k,\"v\""}"#;
        let value: serde_json::Value = serde_json::from_str(compact).unwrap();
        // serde_json's map without `preserve_order` is a BTreeMap: sorted by key.
        let sorted = sorted_keys(compact).unwrap();
        assert_eq!(serde_json::from_str::<serde_json::Value>(&sorted).unwrap(), value);
        assert_eq!(sorted, r#"{"A":"k,\"v\"","a":{"\u0061b":true,"z":[{"x":2,"y":1}]},"b":1}"#);
    }

    #[test]
    fn escapes_and_unescapes_non_ascii_as_python_and_javascript_write_it() {
        let text = r#"{"name":"Zoë 😀","path":"a\\u00e9"}"#;
        let escaped = escape_non_ascii(text);
        assert_eq!(escaped, r#"{"name":"Zo\u00eb \ud83d\ude00","path":"a\\u00e9"}"#);
        // `\\u00e9` is an escaped backslash followed by text: left alone.
        assert_eq!(unescape_non_ascii(&escaped).unwrap(), text);
        assert_eq!(unescape_non_ascii(r#"{"a":"\u0041"}"#), None);
    }
}
