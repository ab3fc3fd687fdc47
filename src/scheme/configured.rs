//! The generic `hmac` provider's scheme, described by the user at run time (as Convoy offers) for a
//! sender hookgate does not list. Every part that decides what is signed must be given: a partial
//! configuration rejects every delivery (`missing_secret`) rather than guess.

use super::signature::{Algorithm, Encoding, HeaderFormat, KeyFormat, SignatureScheme, SignedString};
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
}
