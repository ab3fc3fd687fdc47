//! Form-encoded bodies (`application/x-www-form-urlencoded`) as JSON: Twilio's callbacks and Slack's
//! slash commands are forms, and the normalized event's `data` is always an object.

use std::borrow::Cow;

use super::push_string;

/// Whether `body` is a form rather than JSON: it does not open with `{` or `[`.
pub fn is_form(body: &str) -> bool {
    !matches!(body.trim_start().as_bytes().first(), Some(b'{' | b'['))
}

/// The fields of a form as a JSON object of strings, in order of first appearance; a name given more
/// than once maps to an array of its values, so nothing sent is lost.
pub fn to_json(body: &str) -> String {
    let pairs: Vec<(Cow<'_, str>, Cow<'_, str>)> = form_urlencoded::parse(body.as_bytes()).collect();
    // Grouped by name in O(n log n) (a form may hold hundreds of thousands of fields): positions sorted
    // by (name, position), each run of one name gathered, the groups put back in order of first appearance.
    let mut order: Vec<usize> = (0..pairs.len()).collect();
    crate::sort::heapsort_by(&mut order, |&a, &b| (&pairs[a].0, a) < (&pairs[b].0, b));
    let mut fields: Vec<(usize, Vec<usize>)> = Vec::new();
    for &at in &order {
        match fields.last_mut() {
            Some((first, positions)) if pairs[*first].0 == pairs[at].0 => positions.push(at),
            _ => fields.push((at, vec![at])),
        }
    }
    crate::sort::heapsort_by(&mut fields, |a, b| a.0 < b.0);
    let fields: Vec<(&str, Vec<&str>)> =
        fields.iter().map(|(first, at)| (&*pairs[*first].0, at.iter().map(|&i| &*pairs[i].1).collect())).collect();
    let mut out = String::with_capacity(body.len() + 16);
    out.push('{');
    for (index, (name, values)) in fields.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        push_string(&mut out, name);
        out.push(':');
        match values.as_slice() {
            [one] => push_string(&mut out, one),
            many => {
                out.push('[');
                for (i, value) in many.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    push_string(&mut out, value);
                }
                out.push(']');
            }
        }
    }
    out.push('}');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    // Compiled to wasm32 (scripts/test.sh), these run under wasm-bindgen-test-runner in Node.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn reads_a_form_as_an_object_of_strings_keeping_repeated_names() {
        let json = to_json("MessageSid=SM1&Body=Hi+%22there%22&Tag=a&Tag=b&Empty=");
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            value,
            serde_json::json!({"MessageSid": "SM1", "Body": "Hi \"there\"", "Tag": ["a", "b"], "Empty": ""})
        );
        assert!(is_form("a=1") && is_form("") && !is_form(" {\"a\":1}") && !is_form("[1]"));
    }
}
