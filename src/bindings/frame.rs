//! One call's request and options as the JS glue writes them into the input buffer, just before the
//! body: fields each ended by a NUL byte and opened by a one-letter tag.
//!
//! | tag | field |
//! | --- | --- |
//! | `P` | the provider id |
//! | `U` | the request URL |
//! | `H` | a header name; the next field is its value |
//! | `S` / `T` | a secret / a token (repeated for rotation) |
//! | `M` | the generic provider's scheme, as JSON |
//! | `F` | the forwarding secret (`whsec_…`): also sign the event for the origin |
//! | `I` | a message id (signing) |
//! | `R` | explain: also show the signed string and the expected signatures |
//!
//! Hand-written rather than passed as a JS object through serde-wasm-bindgen or js-sys: reading an
//! object field by field crosses the boundary once per field, and each string is copied on its own;
//! this way the glue writes everything with one `encodeInto` and the call takes only numbers (the
//! figures are in CONTRIBUTING.md). NUL cannot occur in an HTTP header, a URL or JSON text, and the
//! glue refuses a secret that holds one, so it can end a field.

use crate::{Options, Secret};

/// The fields of one frame, borrowed from the input buffer.
#[derive(Debug, Default)]
pub struct Frame<'a> {
    pub provider: Option<&'a str>,
    pub url: Option<&'a str>,
    pub headers: Vec<(&'a str, &'a str)>,
    pub secrets: Vec<&'a str>,
    pub tokens: Vec<&'a str>,
    pub hmac: Option<&'a str>,
    pub forward_secret: Option<&'a str>,
    pub id: Option<&'a str>,
    pub reveal: bool,
}

impl<'a> Frame<'a> {
    /// Reads a frame; a field with an unknown tag is skipped (the glue and the module ship together).
    pub fn parse(text: &'a str) -> Frame<'a> {
        let mut frame = Frame::default();
        let mut fields = text.split_terminator('\0');
        while let Some(field) = fields.next() {
            // The tag is one ASCII letter, so the value starts at byte 1.
            let value = field.get(1..).unwrap_or_default();
            match field.as_bytes().first() {
                Some(b'P') => frame.provider = Some(value),
                Some(b'U') => frame.url = Some(value),
                Some(b'H') => frame.headers.push((value, fields.next().unwrap_or_default())),
                Some(b'S') => frame.secrets.push(value),
                Some(b'T') => frame.tokens.push(value),
                Some(b'M') => frame.hmac = Some(value),
                Some(b'F') => frame.forward_secret = Some(value),
                Some(b'I') => frame.id = Some(value),
                Some(b'R') => frame.reveal = true,
                _ => {}
            }
        }
        frame
    }

    /// The verifier options this frame configures, with the limits the call passed as numbers.
    pub fn options(&self, tolerance_seconds: f64, max_body_bytes: f64) -> Result<Options, crate::Error> {
        Ok(Options {
            secrets: self.secrets.iter().map(|s| Secret::new(*s)).collect(),
            tokens: self.tokens.iter().map(|s| Secret::new(*s)).collect(),
            // The glue passes finite, non-negative numbers (it throws a TypeError otherwise).
            tolerance_seconds: tolerance_seconds as u64,
            max_body_bytes: max_body_bytes as usize,
            hmac: self.hmac.map(crate::HmacConfig::from_json).transpose()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    // Compiled to wasm32 (scripts/test.sh), these run under wasm-bindgen-test-runner in Node.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn reads_every_field_and_pairs_headers_with_their_values() {
        let text = "Preready\0Uhttps://x.test/h?token=a\0HX-Sig\0t=1,v=ab\0Hempty\0\0Sold\0Snew\0Ttok\0M{\"header\":\"x\"}\0Fwhsec_k\0Imsg_1\0";
        let frame = Frame::parse(text);
        assert_eq!(frame.provider, Some("reready"));
        assert_eq!(frame.url, Some("https://x.test/h?token=a"));
        assert_eq!(frame.headers, vec![("X-Sig", "t=1,v=ab"), ("empty", "")]);
        assert_eq!((frame.secrets, frame.tokens), (vec!["old", "new"], vec!["tok"]));
        assert_eq!(
            (frame.hmac, frame.forward_secret, frame.id),
            (Some("{\"header\":\"x\"}"), Some("whsec_k"), Some("msg_1"))
        );
    }

    #[test]
    fn an_empty_or_cut_frame_reads_as_nothing_configured() {
        assert!(Frame::parse("").provider.is_none());
        let cut = Frame::parse("HX-Sig");
        assert_eq!(cut.headers, vec![("X-Sig", "")]);
        assert!(Frame::parse("Pa\0").options(300.0, 10.0).unwrap().secrets.is_empty());
    }
}
