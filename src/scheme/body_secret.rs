//! A shared secret sent inside the JSON body (Baback's `data.secret`), and its removal before the
//! payload goes anywhere.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

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
    let secret = extract_into(body, path, &mut redacted)?;
    let secret = match secret {
        None => None,
        Some(raw) => Some(
            serde_json::from_str::<Cow<'a, str>>(raw.get())
                .map_err(|_| Error::MalformedSignature("the body's secret field is not a string"))?,
        ),
    };
    Ok(Extracted { secret, redacted })
}

fn extract_into<'a>(object: &'a str, path: &[&str], out: &mut String) -> Result<Option<&'a RawValue>, Error> {
    let Members(members) = serde_json::from_str(object).map_err(|e| Error::from_json(&e, "expected a JSON object"))?;
    let (key, rest) = path.split_first().expect("a body secret path is never empty");
    let found = members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| *v);
    out.push('{');
    let mut first = true;
    let mut secret = None;
    for (k, value) in &members {
        let is_key = k == key;
        if is_key && rest.is_empty() {
            continue; // the secret itself: dropped
        }
        if !first {
            out.push(',');
        }
        first = false;
        push_json_string(out, k);
        out.push(':');
        if is_key && std::ptr::eq(*value, found.expect("found when a member matches")) {
            secret = extract_into(value.get(), rest, out)?;
        } else if is_key {
            continue_redacting(value.get(), rest, out)?;
        } else {
            out.push_str(value.get());
        }
    }
    out.push('}');
    if found.is_none() && !rest.is_empty() {
        return Err(Error::InvalidPayload("the body has no object where the secret is sent"));
    }
    Ok(if rest.is_empty() { found } else { secret })
}

/// An earlier duplicate of an envelope key: it is not what a parser sees, but it may still hold a copy
/// of the secret, so it is redacted the same way (or copied as is when it is not an object).
fn continue_redacting(value: &str, path: &[&str], out: &mut String) -> Result<(), Error> {
    if value.starts_with('{') {
        extract_into(value, path, out).map(|_| ())
    } else {
        out.push_str(value);
        Ok(())
    }
}

fn push_json_string(out: &mut String, text: &str) {
    out.push_str(&serde_json::to_string(text).expect("a str always serializes"));
}

/// An object's members in order, values left as raw JSON text.
struct Members<'a>(Vec<(Cow<'a, str>, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for Members<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MembersVisitor;
        impl<'de> Visitor<'de> for MembersVisitor {
            type Value = Members<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
                let mut members = Vec::new();
                while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                    members.push((key, map.next_value::<&'de RawValue>()?));
                }
                Ok(Members(members))
            }
        }
        deserializer.deserialize_map(MembersVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn tells_a_missing_envelope_from_a_missing_or_odd_secret() {
        assert_eq!(extract(r#"{"action": "x"}"#, PATH).unwrap_err().code(), "invalid_payload");
        assert_eq!(extract(r#"{"data": 5}"#, PATH).unwrap_err().code(), "invalid_payload");
        assert_eq!(extract("[1]", PATH).unwrap_err().code(), "invalid_payload");
        assert_eq!(extract(r#"{"data": {"a": 1"#, PATH).unwrap_err().code(), "invalid_json");
        assert!(extract(r#"{"data": {}}"#, PATH).unwrap().secret.is_none());
        assert_eq!(extract(r#"{"data": {"secret": 1}}"#, PATH).unwrap_err().code(), "malformed_signature");
    }
}
