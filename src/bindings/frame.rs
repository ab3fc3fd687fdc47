//! One call's request and options as the JS glue writes them into the input buffer, just before the
//! body: fields each ended by a NUL byte and opened by a one-letter tag ([`tag`]; the glue's table is
//! `TAG` in `pkg-template/src/frame.js`, and a test holds the two equal).
//!
//! Hand-written rather than passed as a JS object through serde-wasm-bindgen or js-sys: reading an
//! object field by field crosses the boundary once per field, and each string is copied on its own;
//! this way the glue writes everything with one `encodeInto` and the call takes only numbers (the
//! figures are in CONTRIBUTING.md). NUL cannot occur in an HTTP header, a URL or JSON text, so it can end
//! a field: the glue's one field writer refuses a value that holds one (a header holding one is left
//! out, a URL holding one is a rejected delivery, an option holding one a `TypeError`), so no value can
//! add, drop or change another field.

use std::fmt;

use crate::{Options, Secret};

/// The tags, one ASCII letter each.
pub mod tag {
    /// The provider id.
    pub const PROVIDER: u8 = b'P';
    /// The request URL.
    pub const URL: u8 = b'U';
    /// A header name; the next field is its value.
    pub const HEADER: u8 = b'H';
    /// A secret (repeated for rotation).
    pub const SECRET: u8 = b'S';
    /// A token (repeated for rotation).
    pub const TOKEN: u8 = b'T';
    /// The generic provider's scheme, as JSON.
    pub const HMAC: u8 = b'M';
    /// The forwarding secret (`whsec_…`): also sign the event for the origin.
    pub const FORWARD_SECRET: u8 = b'F';
    /// A message id (signing).
    pub const ID: u8 = b'I';
    /// explain: also show the signed string and the expected signatures.
    pub const SHOW_SIGNING: u8 = b'R';
    /// A provider declared at run time, as JSON (in place of `P`).
    pub const DECLARATION: u8 = b'D';
    /// The request method.
    pub const METHOD: u8 = b'V';
}

/// The fields of one frame, borrowed from the input buffer.
#[derive(Default)]
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
    pub declaration: Option<&'a str>,
    pub method: Option<&'a str>,
}

/// Names the fields that are set, never a value: a frame holds secrets and the request's credential.
impl fmt::Debug for Frame<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Frame")
            .field("provider", &self.provider)
            .field("url", &self.url.map(|_| "[REDACTED]"))
            .field("headers", &self.headers.len())
            .field("secrets", &self.secrets.len())
            .field("tokens", &self.tokens.len())
            .field("hmac", &self.hmac.is_some())
            .field("forward_secret", &self.forward_secret.map(|_| "[REDACTED]"))
            .field("id", &self.id)
            .field("reveal", &self.reveal)
            .field("declaration", &self.declaration.is_some())
            .field("method", &self.method)
            .finish()
    }
}

impl<'a> Frame<'a> {
    /// Reads a frame; a field with an unknown tag is skipped (the glue and the module ship together).
    pub fn parse(text: &'a str) -> Frame<'a> {
        let mut frame = Frame::default();
        let mut fields = text.split_terminator('\0');
        while let Some(field) = fields.next() {
            // The tag is one ASCII letter, so the value starts at byte 1.
            let value = field.get(1..).unwrap_or_default();
            match field.as_bytes().first().copied().unwrap_or_default() {
                tag::PROVIDER => frame.provider = Some(value),
                tag::URL => frame.url = Some(value),
                tag::HEADER => {
                    frame.headers.push((value, fields.next().map_or("", |v| v.get(1..).unwrap_or_default())))
                }
                tag::SECRET => frame.secrets.push(value),
                tag::TOKEN => frame.tokens.push(value),
                tag::HMAC => frame.hmac = Some(value),
                tag::FORWARD_SECRET => frame.forward_secret = Some(value),
                tag::ID => frame.id = Some(value),
                tag::SHOW_SIGNING => frame.reveal = true,
                tag::DECLARATION => frame.declaration = Some(value),
                tag::METHOD => frame.method = Some(value),
                _ => {}
            }
        }
        frame
    }

    /// The verifier options this frame configures, with the limits the call passed as numbers.
    pub fn options(&self, tolerance_seconds: f64, max_body_bytes: f64) -> Options {
        Options {
            secrets: self.secrets.iter().map(|s| Secret::new(*s)).collect(),
            tokens: self.tokens.iter().map(|s| Secret::new(*s)).collect(),
            // The glue passes finite, non-negative numbers (it throws a TypeError otherwise).
            tolerance_seconds: tolerance_seconds as u64,
            max_body_bytes: max_body_bytes as usize,
            hmac: self.hmac.map(str::to_owned),
        }
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
        let text = "Preready\0Uhttps://x.test/h?token=a\0HX-Sig\0Ht=1,v=ab\0Hempty\0H\0Sold\0Snew\0Ttok\0M{\"header\":\"x\"}\0Fwhsec_k\0Imsg_1\0";
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
        assert!(Frame::parse("Pa\0").options(300.0, 10.0).secrets.is_empty());
    }

    #[test]
    fn debug_names_what_is_set_and_never_a_value() {
        let frame = Frame::parse(
            "Predo\0Uhttps://h.test/?token=tok_url\0HAuthorization\0HBearer s3cr3t\0Ss3cr3t\0Ttok_live\0Fwhsec_fwd\0",
        );
        let printed = format!("{frame:?}");
        for value in ["tok_url", "s3cr3t", "tok_live", "whsec_fwd", "Bearer"] {
            assert!(!printed.contains(value), "{printed}");
        }
        assert!(printed.contains("redo") && printed.contains("[REDACTED]"), "{printed}");
    }

    /// The glue's tag table (`TAG` in pkg-template/src/frame.js) is this one: a tag written by one side
    /// and read as another field by the other would be the injection this format exists to prevent.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn the_glue_writes_the_tags_this_parser_reads() {
        let glue = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/pkg-template/src/frame.js")).unwrap();
        let table = &glue[glue.find("export const TAG").unwrap()..];
        let table = &table[..table.find("});").unwrap()];
        let mut written: Vec<(String, u8)> = table
            .lines()
            .filter_map(|line| {
                let (name, letter) = line.trim().trim_end_matches(',').split_once(": ")?;
                Some((name.to_owned(), letter.trim_matches('"').bytes().next()?))
            })
            .collect();
        written.sort();
        let mut read = vec![
            ("provider".to_owned(), tag::PROVIDER),
            ("url".to_owned(), tag::URL),
            ("header".to_owned(), tag::HEADER),
            ("secret".to_owned(), tag::SECRET),
            ("token".to_owned(), tag::TOKEN),
            ("hmac".to_owned(), tag::HMAC),
            ("forwardSecret".to_owned(), tag::FORWARD_SECRET),
            ("id".to_owned(), tag::ID),
            ("showSigning".to_owned(), tag::SHOW_SIGNING),
            ("declaration".to_owned(), tag::DECLARATION),
            ("method".to_owned(), tag::METHOD),
        ];
        read.sort();
        assert_eq!(written, read);
    }
}
