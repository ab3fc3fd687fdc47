//! `Authorization: Bearer <token>` (RFC 6750), as Redo sends it and returns.cloud may.

use crate::{Error, Request};

/// The bearer token of the request, `None` when there is no `Authorization` header.
/// The scheme name is case-insensitive (RFC 7235); any other scheme is malformed.
pub fn presented<'a>(request: &Request<'a>) -> Result<Option<&'a str>, Error> {
    let Some(value) = request.credential_header(&["authorization"])? else {
        return Ok(None);
    };
    let (scheme, token) = value.trim().split_once(' ').unwrap_or((value, ""));
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err(Error::MalformedSignature("the Authorization header does not use the Bearer scheme"));
    }
    let token = token.trim();
    if token.is_empty() {
        return Err(Error::MalformedSignature("the Bearer token is empty"));
    }
    Ok(Some(token))
}

#[cfg(test)]
mod tests {
    use super::*;
    // Compiled to wasm32 (scripts/test.sh), these run under wasm-bindgen-test-runner in Node.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn token_of(value: &str) -> Result<Option<String>, Error> {
        let headers = [("Authorization", value)];
        presented(&Request::new(&headers, b"")).map(|token| token.map(str::to_owned))
    }

    #[test]
    fn reads_the_token_whatever_the_case_of_the_scheme() {
        assert_eq!(token_of("Bearer abc"), Ok(Some("abc".into())));
        assert_eq!(token_of("bearer abc"), Ok(Some("abc".into())));
        assert_eq!(presented(&Request::new(&[], b"")), Ok(None));
    }

    #[test]
    fn calls_other_schemes_and_empty_tokens_malformed() {
        assert_eq!(token_of("Basic YTpi").unwrap_err().code(), "malformed_signature");
        assert_eq!(token_of("Bearer").unwrap_err().code(), "malformed_signature");
        assert_eq!(token_of("Bearer   ").unwrap_err().code(), "malformed_signature");
    }
}
