//! A shared secret sent inside the JSON body (Baback's `data.secret`), and its removal before the
//! payload goes anywhere.

use std::borrow::Cow;
use std::fmt;

use crate::json::{self, Object};
use crate::Error;

/// The secret found in a body, and the body with every copy of that field removed.
pub struct Extracted<'a> {
    /// The secret's value as a JSON parser sees it (unescaped; the last of duplicate keys wins, as in
    /// `JSON.parse`), or `None` when the field is absent.
    pub secret: Option<Cow<'a, str>>,
    /// The body re-assembled without the secret field (other members are copied verbatim).
    pub redacted: String,
}

impl fmt::Debug for Extracted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Extracted").field("secret", &self.secret.as_ref().map(|_| "[REDACTED]")).finish_non_exhaustive()
    }
}

/// Reads the string at `path` (object keys) and removes that member wherever the path leads.
/// A body that is not an object along the path is `invalid_payload`; a secret that is not a string is
/// `malformed_signature`.
pub fn extract<'a>(body: &'a str, path: &[&str]) -> Result<Extracted<'a>, Error> {
    let mut redacted = String::with_capacity(body.len());
    let secret = match extract_into(Object::parse(body)?, path, &mut redacted)? {
        None => None,
        Some(raw) => {
            Some(json::string(raw).ok_or(Error::MalformedSignature("the body's secret field is not a string"))?)
        }
    };
    Ok(Extracted { secret, redacted })
}

/// Writes `object` without the member at `path` into `out`; returns that member's raw value.
fn extract_into<'a>(object: Object<'a>, path: &[&str], out: &mut String) -> Result<Option<&'a str>, Error> {
    let Some((key, rest)) = path.split_first() else { return Ok(None) };
    let last = object.members().iter().rposition(|(k, _)| json::key_is(k, key));
    if last.is_none() && !rest.is_empty() {
        return Err(Error::InvalidPayload(format!("the body has no `{key}` object").into()));
    }
    let mut found = None;
    out.push('{');
    let mut first = true;
    for (index, (k, value)) in object.members().iter().enumerate() {
        let is_key = json::key_is(k, key);
        if is_key && rest.is_empty() {
            found = found.or(last.map(|i| object.members()[i].1));
            continue; // the secret itself, and every duplicate of it: dropped
        }
        if !first {
            out.push(',');
        }
        first = false;
        out.push_str(k); // the key exactly as sent
        out.push(':');
        let envelope = || Object::of_member(value, format!("`{key}`").into());
        if !is_key {
            out.push_str(value);
        } else if Some(index) == last {
            found = extract_into(envelope()?, rest, out)?;
        } else if value.starts_with('{') {
            // An earlier duplicate envelope: not what a parser sees, but it may hold a copy of the secret.
            extract_into(envelope()?, rest, out)?;
        } else {
            out.push_str(value);
        }
    }
    out.push('}');
    Ok(found)
}
/// `body` (a JSON object) with the string `secret` at `path`, as a sender puts it: the member replaced
/// where it stands (the last of duplicates; earlier ones dropped), or added at the end of its object;
/// every other member is copied verbatim.
pub fn place(body: &str, path: &[&str], secret: &str) -> Result<String, Error> {
    let mut out = String::with_capacity(body.len() + secret.len() + 32);
    place_into(Some(Object::parse(body)?), path, secret, &mut out)?;
    Ok(out)
}

fn place_into(object: Option<Object<'_>>, path: &[&str], secret: &str, out: &mut String) -> Result<(), Error> {
    let Some((key, rest)) = path.split_first() else { return Ok(()) };
    let members = object.as_ref().map_or(&[][..], |object| object.members());
    let last = members.iter().rposition(|(k, _)| json::key_is(k, key));
    let write_member = |out: &mut String| -> Result<(), Error> {
        json::push_string(out, key);
        out.push(':');
        if rest.is_empty() {
            json::push_string(out, secret);
            return Ok(());
        }
        let inner = match last.map(|index| members[index].1) {
            Some(raw) if raw.starts_with('{') => Some(Object::of_member(raw, format!("`{key}`").into())?),
            _ => None,
        };
        place_into(inner, rest, secret, out)
    };
    out.push('{');
    let mut first = true;
    let mut comma = |out: &mut String| {
        if !std::mem::take(&mut first) {
            out.push(',');
        }
    };
    for (index, (k, value)) in members.iter().enumerate() {
        if !json::key_is(k, key) {
            comma(out);
            out.push_str(k);
            out.push(':');
            out.push_str(value);
        } else if Some(index) == last {
            comma(out);
            write_member(out)?;
        }
    }
    if last.is_none() {
        comma(out);
        write_member(out)?;
    }
    out.push('}');
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    // Compiled to wasm32 (scripts/test.sh), these run under wasm-bindgen-test-runner in Node.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    const PATH: &[&str] = &["data", "secret"];

    #[test]
    fn reads_the_secret_and_removes_it() {
        let body = r#"{"data": {"action": "a", "secret": "s3", "returnRequest": {"id": "r"}}, "v": 1}"#;
        let extracted = extract(body, PATH).unwrap();
        assert_eq!(extracted.secret.as_deref(), Some("s3"));
        assert_eq!(extracted.redacted, r#"{"data":{"action":"a","returnRequest":{"id": "r"}},"v":1}"#);
    }

    #[test]
    fn uses_the_last_duplicate_and_removes_every_copy() {
        let body = r#"{"data": {"secret": "first", "\u0073ecret": "last"}}"#;
        let extracted = extract(body, PATH).unwrap();
        assert_eq!(extracted.secret.as_deref(), Some("last"));
        assert_eq!(extracted.redacted, r#"{"data":{}}"#);
        let two_envelopes = r#"{"data": {"secret": "a"}, "data": {"secret": "b", "x": 1}}"#;
        let extracted = extract(two_envelopes, PATH).unwrap();
        assert_eq!(extracted.secret.as_deref(), Some("b"));
        assert_eq!(extracted.redacted, r#"{"data":{},"data":{"x":1}}"#);
    }

    #[test]
    fn places_a_secret_where_the_sender_puts_it() {
        let body = r#"{"data": {"action": "a", "secret": "", "n": [1]}, "v": 1}"#;
        let placed = place(body, PATH, "s\"3").unwrap();
        assert_eq!(placed, r#"{"data":{"action":"a","secret":"s\"3","n":[1]},"v":1}"#);
        assert_eq!(extract(&placed, PATH).unwrap().secret.as_deref(), Some("s\"3"));
        assert_eq!(place(r#"{"v": 1}"#, PATH, "k").unwrap(), r#"{"v":1,"data":{"secret":"k"}}"#);
        assert_eq!(place(r#"{"data": 5}"#, PATH, "k").unwrap(), r#"{"data":{"secret":"k"}}"#);
        assert_eq!(place("[1]", PATH, "k").unwrap_err().code(), "invalid_payload");
    }

    #[test]
    fn tells_a_missing_envelope_from_a_missing_or_odd_secret() {
        assert_eq!(extract(r#"{"action": "x"}"#, PATH).unwrap_err().code(), "invalid_payload");
        assert_eq!(extract(r#"{"data": 5}"#, PATH).unwrap_err().code(), "invalid_payload");
        assert_eq!(extract("[1]", PATH).unwrap_err().code(), "invalid_payload");
        assert_eq!(extract(r#"{"data": {"a": 1"#, PATH).unwrap_err().code(), "invalid_json");
        assert!(extract(r#"{"data": {}}"#, PATH).unwrap().secret.is_none());
        assert_eq!(extract(r#"{"data": {"secret": 1}}"#, PATH).unwrap_err().code(), "malformed_signature");
    }
}
