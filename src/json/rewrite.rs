//! JSON re-spaced the ways frameworks and languages write it (compact, `, `/`: ` spaced, pretty-printed
//! with 2 or 4 spaces), strings left exactly as they are: `explain` tries each on a body whose signature
//! does not match, to say how it was changed after signing.

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
}
