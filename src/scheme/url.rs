//! The URL a sender called, as far as a signature over it needs: whether it is absolute, a query
//! parameter's raw value, and the same URL with its default port written or left out.

/// Whether `url` is absolute (`scheme://…`): only such a URL can be the one a sender signed.
pub fn is_absolute(url: &str) -> bool {
    scheme_end(url).is_some_and(|end| end > 0 && url.len() > end + 3)
}

/// Where `://` starts in `url`, found by its first `:` (a `str` pattern search brings 2 KB of wasm).
pub fn scheme_end(url: &str) -> Option<usize> {
    url.find(':').filter(|&colon| url[colon..].starts_with("://"))
}

/// The raw value of query parameter `name` in `url`, if present.
pub fn query_value<'u>(url: &'u str, name: &str) -> Option<&'u str> {
    let query = url.split_once('?')?.1;
    let query = query.split_once('#').map_or(query, |(q, _)| q);
    query.split('&').find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
}

/// The path and query of an absolute `url` (`/a/b?c=d`), without its fragment.
pub fn path_and_query(url: &str) -> &str {
    let Some(end) = scheme_end(url) else { return url };
    let rest = &url[end + 3..];
    let rest = &rest[rest.find(['/', '?', '#']).unwrap_or(rest.len())..];
    rest.split_once('#').map_or(rest, |(before, _)| before)
}

/// `url` with its scheme's default port written when it has none, or left out when it has it
/// (`https://h/p` ⇄ `https://h:443/p`): Twilio's validator accepts either.
pub fn toggle_default_port(url: &str) -> String {
    let Some(end) = scheme_end(url) else { return url.to_owned() };
    let (scheme, rest) = (&url[..end], &url[end + 3..]);
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(authority_end);
    let default = if scheme.eq_ignore_ascii_case("https") { ":443" } else { ":80" };
    // The port starts after an IPv6 literal's closing bracket.
    let host_end = authority.rfind(']').map_or(0, |i| i + 1);
    match authority[host_end..].find(':') {
        Some(colon) if &authority[host_end + colon..] == default => {
            format!("{scheme}://{}{path}", &authority[..host_end + colon])
        }
        Some(_) => url.to_owned(),
        None => format!("{scheme}://{authority}{default}{path}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    // Compiled to wasm32 (scripts/test.sh), these run under wasm-bindgen-test-runner in Node.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn toggles_the_default_port() {
        assert_eq!(toggle_default_port("https://h.test/p?q=1"), "https://h.test:443/p?q=1");
        assert_eq!(toggle_default_port("https://h.test:443/p"), "https://h.test/p");
        assert_eq!(toggle_default_port("http://h.test"), "http://h.test:80");
        assert_eq!(toggle_default_port("https://h.test:8443/p"), "https://h.test:8443/p");
        assert_eq!(toggle_default_port("https://[::1]/p"), "https://[::1]:443/p");
    }

    #[test]
    fn finds_the_parts_a_signature_covers() {
        assert!(is_absolute("https://h.test") && !is_absolute("/p") && !is_absolute("https://"));
        assert_eq!(query_value("https://h.test/p?a=1&bodySHA256=ab#x", "bodySHA256"), Some("ab"));
        assert_eq!(path_and_query("https://h.test:8443/a/b?c=d#frag"), "/a/b?c=d");
        assert_eq!(path_and_query("https://h.test?c=d"), "?c=d");
        assert_eq!(path_and_query("https://h.test"), "");
    }
}
