//! The generic provider's scheme as JS users write it (`{header, algorithm, encoding, prefix, signed,
//! timestampHeader, idHeader}`), read into the core's [`HmacConfig`]. Unknown values count as missing,
//! so they fail closed at verification.

use crate::json::Object;
use crate::scheme::configured::INCOMPLETE;
use crate::{Algorithm, Encoding, Error, HmacConfig, SignedString};

/// Reads the option's JSON text; `missing_secret` when it is not an object.
pub fn parse(text: &str) -> Result<HmacConfig, Error> {
    let object = Object::parse(text).map_err(|_| INCOMPLETE)?;
    let text = |key: &str| object.str(key).ok().flatten().map(|value| value.into_owned());
    Ok(HmacConfig {
        header: text("header"),
        algorithm: match text("algorithm").as_deref() {
            Some("sha1") => Some(Algorithm::Sha1),
            Some("sha256") => Some(Algorithm::Sha256),
            Some("sha512") => Some(Algorithm::Sha512),
            _ => None,
        },
        encoding: match text("encoding").as_deref() {
            Some("hex") => Some(Encoding::Hex),
            Some("base64") => Some(Encoding::Base64),
            _ => None,
        },
        prefix: text("prefix"),
        signed: match text("signed").as_deref() {
            Some("body") => Some(SignedString::Body),
            Some("t.body") => Some(SignedString::TimestampDotBody),
            Some("id.t.body") => Some(SignedString::IdDotTimestampDotBody),
            _ => None,
        },
        timestamp_header: text("timestampHeader"),
        id_header: text("idHeader"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    // Compiled to wasm32 (scripts/test.sh), these run under wasm-bindgen-test-runner in Node.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn reads_the_js_option_shape() {
        let config = parse(
            r#"{"header": "x-sig", "algorithm": "sha256", "encoding": "hex", "signed": "t.body", "timestampHeader": "x-ts"}"#,
        )
        .unwrap();
        assert_eq!(config.header.as_deref(), Some("x-sig"));
        assert_eq!(config.algorithm, Some(Algorithm::Sha256));
        assert_eq!(config.signed, Some(SignedString::TimestampDotBody));
        assert_eq!(config.timestamp_header.as_deref(), Some("x-ts"));
        assert_eq!(parse(r#"{"header": "x-sig", "algorithm": "sha1"}"#).unwrap().algorithm, Some(Algorithm::Sha1));
        assert_eq!(parse(r#"{"header": "x-sig", "algorithm": "md5"}"#).unwrap().algorithm, None);
        assert_eq!(parse("[]").unwrap_err().code(), "missing_secret");
    }
}
