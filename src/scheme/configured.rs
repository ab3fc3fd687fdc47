//! The generic `hmac` provider's scheme, described by the user at run time (as Convoy offers) for a
//! sender hookgate does not list. Every part that decides what is signed must be given: a partial
//! configuration rejects every delivery (`missing_secret`) rather than guess.

use super::signature::{Algorithm, Encoding, HeaderFormat, KeyFormat, SignatureScheme, SignedString};
use crate::json::Object;
use crate::Error;

/// A signature scheme given as configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HmacConfig {
    /// The signature header (required).
    pub header: Option<String>,
    /// The hash (required).
    pub algorithm: Option<Algorithm>,
    /// The signature encoding (required).
    pub encoding: Option<Encoding>,
    /// Text before the signature in the header, e.g. `sha256=` (none when absent).
    pub prefix: Option<String>,
    /// What is signed (required).
    pub signed: Option<SignedString>,
    /// The timestamp header (required when the signed string has a timestamp).
    pub timestamp_header: Option<String>,
    /// The message id header (required when the signed string has an id).
    pub id_header: Option<String>,
}

pub(crate) const INCOMPLETE: Error = Error::MissingSecret(
    "the `hmac` scheme is incomplete: it needs `header`, `algorithm`, `encoding` and `signed`, and the timestamp and id headers that `signed` names",
);

impl HmacConfig {
    /// The scheme as JS users and the gateway's `<ID>_HMAC_SCHEME` write it: `{header, algorithm,
    /// encoding, prefix, signed, timestampHeader, idHeader}` (`algorithm` `sha1`/`sha256`/`sha512`,
    /// `encoding` `hex`/`base64`, `signed` `body`/`t.body`/`id.t.body`). Unknown values count as missing,
    /// so they fail closed at verification; `missing_secret` when the text is not a JSON object.
    pub fn from_json(text: &str) -> Result<HmacConfig, Error> {
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

    /// Builds the scheme this configuration describes and hands it to `check`.
    pub fn with_scheme<R>(&self, check: impl FnOnce(&SignatureScheme<'_>) -> R) -> Result<R, Error> {
        let signed = self.signed.ok_or(INCOMPLETE)?;
        let header = [self.header.as_deref().filter(|h| !h.is_empty()).ok_or(INCOMPLETE)?];
        let (needs_timestamp, needs_id) = (signed.signs_timestamp(), signed.signs_id());
        let timestamp_header = self.timestamp_header.as_deref().filter(|h| !h.is_empty());
        let id_header = self.id_header.as_deref().filter(|h| !h.is_empty());
        if (needs_timestamp && timestamp_header.is_none()) || (needs_id && id_header.is_none()) {
            return Err(INCOMPLETE);
        }
        let (timestamp_header, id_header) = (timestamp_header.map(|h| [h]), id_header.map(|h| [h]));
        let scheme = SignatureScheme {
            header: &header,
            timestamp_header: timestamp_header.as_ref().map_or(&[], |h| h.as_slice()),
            id_header: id_header.as_ref().map_or(&[], |h| h.as_slice()),
            format: HeaderFormat::Prefixed { prefix: self.prefix.as_deref().unwrap_or_default() },
            algorithm: self.algorithm.ok_or(INCOMPLETE)?,
            encoding: self.encoding.ok_or(INCOMPLETE)?,
            signed,
            key: KeyFormat::Utf8,
        };
        Ok(check(&scheme))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    // Compiled to wasm32 (scripts/test.sh), these run under wasm-bindgen-test-runner in Node.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn complete() -> HmacConfig {
        HmacConfig {
            header: Some("x-sig".into()),
            algorithm: Some(Algorithm::Sha256),
            encoding: Some(Encoding::Hex),
            prefix: None,
            signed: Some(SignedString::TimestampDotBody),
            timestamp_header: Some("x-ts".into()),
            id_header: None,
        }
    }

    #[test]
    fn builds_the_scheme_it_describes() {
        let header = complete().with_scheme(|scheme| scheme.sign("k", None, 7, b"{}").unwrap()).unwrap();
        assert_eq!(header.len(), 64);
    }

    #[test]
    fn fails_closed_when_any_part_is_missing() {
        let cases: [fn(&mut HmacConfig); 6] = [
            |c| c.header = None,
            |c| c.header = Some(String::new()),
            |c| c.algorithm = None,
            |c| c.encoding = None,
            |c| c.signed = None,
            |c| c.timestamp_header = None,
        ];
        for (index, unset) in cases.iter().enumerate() {
            let mut config = complete();
            unset(&mut config);
            assert_eq!(config.with_scheme(|_| ()).unwrap_err().code(), "missing_secret", "case {index}");
        }
        let needs_id = HmacConfig { signed: Some(SignedString::IdDotTimestampDotBody), ..complete() };
        assert_eq!(needs_id.with_scheme(|_| ()).unwrap_err().code(), "missing_secret");
    }

    #[test]
    fn reads_the_js_option_shape() {
        let config = HmacConfig::from_json(
            r#"{"header": "x-sig", "algorithm": "sha256", "encoding": "hex", "signed": "t.body", "timestampHeader": "x-ts"}"#,
        )
        .unwrap();
        assert_eq!(config.header.as_deref(), Some("x-sig"));
        assert_eq!(config.algorithm, Some(Algorithm::Sha256));
        assert_eq!(config.signed, Some(SignedString::TimestampDotBody));
        assert_eq!(config.timestamp_header.as_deref(), Some("x-ts"));
        assert_eq!(
            HmacConfig::from_json(r#"{"header": "x-sig", "algorithm": "sha1"}"#).unwrap().algorithm,
            Some(Algorithm::Sha1)
        );
        assert_eq!(HmacConfig::from_json(r#"{"header": "x-sig", "algorithm": "md5"}"#).unwrap().algorithm, None);
        assert_eq!(HmacConfig::from_json("[]").unwrap_err().code(), "missing_secret");
    }
}
