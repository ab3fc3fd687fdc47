//! A key carried as a URL query parameter (`?token=…`, returns.cloud and ReReady's alternative): where
//! a sender puts it. Reading it is [`crate::Request::query_param`].

/// `url` with query parameter `param` set to `value` (percent-encoded); any earlier copy of `param` is
/// dropped, other parameters and the fragment are kept as they were.
pub fn place(url: &str, param: &str, value: &str) -> String {
    let (rest, fragment) = url.split_once('#').map_or((url, None), |(rest, fragment)| (rest, Some(fragment)));
    let (base, query) = rest.split_once('?').unwrap_or((rest, ""));
    let mut out = String::with_capacity(url.len() + param.len() + value.len() + 2);
    out.push_str(base);
    out.push('?');
    for pair in query.split('&').filter(|pair| !pair.is_empty()) {
        let name = pair.split_once('=').map_or(pair, |(name, _)| name);
        if form_urlencoded::parse(name.as_bytes()).next().is_some_and(|(decoded, _)| decoded == param) {
            continue;
        }
        out.push_str(pair);
        out.push('&');
    }
    out.extend(form_urlencoded::byte_serialize(param.as_bytes()));
    out.push('=');
    out.extend(form_urlencoded::byte_serialize(value.as_bytes()));
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(fragment);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    // Compiled to wasm32 (scripts/test.sh), these run under wasm-bindgen-test-runner in Node.
    use crate::Request;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn sets_the_parameter_once_and_keeps_the_rest() {
        assert_eq!(place("https://x.test/hook", "token", "a b/c"), "https://x.test/hook?token=a+b%2Fc");
        assert_eq!(
            place("https://x.test/hook?a=1&token=old&b=2#f", "token", "new"),
            "https://x.test/hook?a=1&b=2&token=new#f"
        );
        let url = place("/hook?tok%65n=old", "token", "tok&=%");
        assert_eq!(Request::new(&[], b"").with_url(&url).query_param("token").unwrap().as_deref(), Some("tok&=%"));
    }
}
