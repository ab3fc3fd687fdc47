//! Helpers for provider payload mappings: one borrowed parse of the body into the fields a provider needs.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserialize, Deserializer, Visitor};

use crate::Error;

/// Parses the body into `T` in one pass (the whole body is validated), borrowing strings where it can.
/// Syntax errors are `invalid_json`; valid JSON of the wrong shape, including a non-object, is
/// `invalid_payload` with `shape` as the reason.
pub fn parse<'a, T: Deserialize<'a>>(body: &'a str, shape: &'static str) -> Result<T, Error> {
    let parsed: T = serde_json::from_str(body).map_err(|e| Error::from_json(&e, shape))?;
    // serde's derived structs also accept arrays; providers send objects.
    if !body.trim_start_matches([' ', '\t', '\n', '\r']).starts_with('{') {
        return Err(Error::InvalidPayload(shape));
    }
    Ok(parsed)
}

/// A JSON string or number read as text (ids are strings at one provider and numbers at another).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text<'a>(pub Cow<'a, str>);

impl<'a> Text<'a> {
    /// The text, borrowed or owned.
    pub fn into_cow(self) -> Cow<'a, str> {
        self.0
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a number")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(v.to_owned())))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(v.to_string())))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(v.to_string())))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(v.to_string())))
            }
        }
        deserializer.deserialize_any(TextVisitor)
    }
}

/// Maps an optional [`Text`] to an optional `Cow`.
pub fn text(value: Option<Text<'_>>) -> Option<Cow<'_, str>> {
    value.map(Text::into_cow)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct Shape<'a> {
        #[serde(borrow)]
        id: Text<'a>,
    }

    #[test]
    fn reads_ids_given_as_strings_or_numbers() {
        assert_eq!(parse::<Shape>(r#"{"id": "a"}"#, "s").unwrap().id.0, "a");
        assert_eq!(parse::<Shape>(r#"{"id": 12}"#, "s").unwrap().id.0, "12");
        assert!(matches!(parse::<Shape>(r#"{"id": "\u0061"}"#, "s").unwrap().id.0, Cow::Owned(_)));
    }

    #[test]
    fn tells_broken_json_from_the_wrong_shape() {
        assert_eq!(parse::<Shape>(r#"{"id": "#, "s").unwrap_err().code(), "invalid_json");
        assert_eq!(parse::<Shape>(r#"{"id": true}"#, "s").unwrap_err().code(), "invalid_payload");
        assert_eq!(parse::<Shape>(r#"["a"]"#, "s").unwrap_err().code(), "invalid_payload");
        assert_eq!(parse::<Shape>("{}", "s").unwrap_err().code(), "invalid_payload");
    }
}
