//! The signed strings that are not the bytes as received: Twilio's URL with its form parameters sorted,
//! and EasyPost's body with integer weights written as floats. Both are what each provider's own SDK
//! computes (twilio's `getExpectedTwilioSignature`, @easypost/api's `validateWebhook`).

use std::borrow::Cow;

/// Twilio's signed string for a form body: `url`, then for each parameter name in sorted order its
/// distinct values sorted, each as `name` + `value` (percent-decoded, `+` as space).
#[inline(never)] // kept out of `SignatureScheme::tag`, which every scheme runs
pub fn sorted_pairs(url: &[u8], body: &[u8]) -> Vec<u8> {
    // This runs before the signature is checked, on a body that may hold hundreds of thousands of
    // fields: the sort must stay O(n log n). Equal pairs are equal, so stability does not matter.
    let mut pairs: Vec<(Cow<'_, str>, Cow<'_, str>)> = form_urlencoded::parse(body).collect();
    crate::sort::heapsort_by(&mut pairs, |a, b| a < b);
    pairs.dedup();
    let mut out = url.to_vec();
    for (name, value) in &pairs {
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(value.as_bytes());
    }
    out
}

/// The body with every `"weight":` followed by an integer and then `,` or `}` (whitespace allowed)
/// given a `.0`, as `body.replace(/("weight":\s*)(\d+)(\s*)(?=,|\})/g, "$1$2.0")` does.
#[inline(never)] // kept out of `SignatureScheme::tag`, which every scheme runs
pub fn float_weights(body: &[u8]) -> Vec<u8> {
    const KEY: &[u8] = b"\"weight\":";
    let mut out = Vec::with_capacity(body.len() + 16);
    let mut at = 0;
    // Each quote is a candidate: a naive search (memmem's searcher costs 7 KB of wasm for one key).
    let mut from = 0;
    while let Some(quote) = memchr::memchr(b'"', &body[from..]) {
        let start = from + quote;
        if !body[start..].starts_with(KEY) {
            from = start + 1;
            continue;
        }
        let after_key = start + KEY.len();
        let digits_start = after_key + body[after_key..].iter().take_while(|b| b.is_ascii_whitespace()).count();
        let digits_end = digits_start + body[digits_start..].iter().take_while(|b| b.is_ascii_digit()).count();
        let next = digits_end + body[digits_end..].iter().take_while(|b| b.is_ascii_whitespace()).count();
        out.extend_from_slice(&body[at..digits_end]);
        if digits_end > digits_start && matches!(body.get(next), Some(b',' | b'}')) {
            out.extend_from_slice(b".0");
        }
        at = digits_end;
        from = digits_end;
    }
    out.extend_from_slice(&body[at..]);
    out
}

/// `url` with its scheme's default port written when it has none, or left out when it has it
/// (`https://h/p` ⇄ `https://h:443/p`): Twilio's validator accepts either.
pub fn toggle_default_port(url: &str) -> String {
    let Some(end) = super::signature::scheme_end(url) else { return url.to_owned() };
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
    fn sorts_twilio_parameters_by_name_then_value_once_each() {
        let signed = sorted_pairs(b"https://x.test/sms", b"To=%2B1555&Body=Hi+there&From=a&Tag=b&Tag=a&Tag=b");
        assert_eq!(signed, b"https://x.test/smsBodyHi thereFromaTagaTagbTo+1555");
    }

    #[test]
    fn writes_integer_weights_as_floats_like_the_easypost_sdk() {
        let body = br#"{"weight": 10, "parcel":{"weight":5.5,"x":{"weight":7}},"weight" :1,"note":"\"weight\":3,"}"#;
        let expected =
            br#"{"weight": 10.0, "parcel":{"weight":5.5,"x":{"weight":7.0}},"weight" :1,"note":"\"weight\":3,"}"#;
        assert_eq!(float_weights(body), expected.to_vec());
        assert_eq!(float_weights(b"{}"), b"{}");
    }

    #[test]
    fn toggles_the_default_port() {
        assert_eq!(toggle_default_port("https://h.test/p?q=1"), "https://h.test:443/p?q=1");
        assert_eq!(toggle_default_port("https://h.test:443/p"), "https://h.test/p");
        assert_eq!(toggle_default_port("http://h.test"), "http://h.test:80");
        assert_eq!(toggle_default_port("https://h.test:8443/p"), "https://h.test:8443/p");
        assert_eq!(toggle_default_port("https://[::1]/p"), "https://[::1]:443/p");
    }
}
