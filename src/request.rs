//! A received delivery as the verifier sees it: headers, the exact body bytes and the URL.

use std::borrow::Cow;

use crate::Error;

/// One received webhook delivery. Signatures cover `body` exactly as received.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// Header `(name, value)` pairs in any case, as received.
    pub headers: &'a [(&'a str, &'a str)],
    /// The raw body bytes.
    pub body: &'a [u8],
    /// The request URL (absolute or path with query), needed for URL `token` parameters and by senders
    /// that sign the URL they called.
    pub url: Option<&'a str>,
    /// The request method, for senders that sign it (HubSpot); `POST` when not given.
    pub method: Option<&'a str>,
}

impl<'a> Request<'a> {
    /// A request with the given headers and body and no URL.
    pub fn new(headers: &'a [(&'a str, &'a str)], body: &'a [u8]) -> Self {
        Request { headers, body, url: None, method: None }
    }

    /// The same request with a URL.
    pub fn with_url(self, url: &'a str) -> Self {
        Request { url: Some(url), ..self }
    }

    /// The same request with a method.
    pub fn with_method(self, method: &'a str) -> Self {
        Request { method: Some(method), ..self }
    }

    /// The value of the first header named `name` (ASCII case-insensitive).
    pub fn header(&self, name: &str) -> Option<&'a str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| *v)
    }

    /// The value of a credential header. The same header twice with different values is refused:
    /// which copy a proxy or framework keeps differs, so a verifier must not pick one.
    pub fn credential_header(&self, names: &[&str]) -> Result<Option<&'a str>, Error> {
        let mut found: Option<&'a str> = None;
        for (name, value) in self.headers {
            if names.iter().any(|n| name.eq_ignore_ascii_case(n)) {
                match found {
                    Some(first) if first != *value => {
                        return Err(Error::MalformedSignature("the credential header appears twice"));
                    }
                    _ => found = Some(value),
                }
            }
        }
        Ok(found)
    }

    /// The percent-decoded value of query parameter `name`; a parameter given twice with different
    /// values is refused for the same reason as a doubled header.
    pub fn query_param(&self, name: &str) -> Result<Option<Cow<'a, str>>, Error> {
        let Some(query) = self.url.and_then(|url| url.split_once('?')).map(|(_, q)| q) else {
            return Ok(None);
        };
        let query = query.split_once('#').map_or(query, |(q, _)| q);
        let mut found: Option<Cow<'a, str>> = None;
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            if key == name {
                match &found {
                    Some(first) if *first != value => {
                        return Err(Error::MalformedSignature("the token parameter appears twice"));
                    }
                    _ => found = Some(value),
                }
            }
        }
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    // Compiled to wasm32 (scripts/test.sh), these run under wasm-bindgen-test-runner in Node.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn finds_headers_in_any_case() {
        let headers = [("X-ReReady-Signature-512", "t=1,v=ab")];
        let request = Request::new(&headers, b"");
        assert_eq!(request.header("x-reready-signature-512"), Some("t=1,v=ab"));
        assert_eq!(request.header("authorization"), None);
    }

    #[test]
    fn refuses_a_credential_header_given_twice_with_different_values() {
        let headers = [("authorization", "Bearer a"), ("Authorization", "Bearer b")];
        let request = Request::new(&headers, b"");
        assert_eq!(request.credential_header(&["authorization"]).unwrap_err().code(), "malformed_signature");
        let same = [("authorization", "Bearer a"), ("Authorization", "Bearer a")];
        assert_eq!(Request::new(&same, b"").credential_header(&["authorization"]), Ok(Some("Bearer a")));
    }

    #[test]
    fn decodes_query_parameters_and_ignores_the_fragment() {
        let request = Request::new(&[], b"").with_url("https://x.test/hook?a=1&token=tok%2Fab#token=other");
        assert_eq!(request.query_param("token").unwrap().as_deref(), Some("tok/ab"));
        assert_eq!(request.query_param("missing").unwrap(), None);
        assert_eq!(Request::new(&[], b"").with_url("/hook").query_param("token").unwrap(), None);
    }

    #[test]
    fn refuses_a_token_parameter_given_twice_with_different_values() {
        let request = Request::new(&[], b"").with_url("/hook?token=a&token=b");
        assert_eq!(request.query_param("token").unwrap_err().code(), "malformed_signature");
    }
}
