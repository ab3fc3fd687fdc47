//! The signed strings that are not the bytes as received: Twilio's form parameters sorted, and
//! EasyPost's body with integer weights written as floats. Both are what each provider's own SDK
//! computes (twilio's `getExpectedTwilioSignature`, @easypost/api's `validateWebhook`).

use std::borrow::Cow;

/// Twilio's signed parameters of a form body: for each name in sorted order its distinct values sorted,
/// each as `name` + `value` (percent-decoded, `+` as space).
#[inline(never)] // kept out of the signed-bytes builder, which every scheme runs
pub fn sorted_pairs(body: &[u8]) -> Vec<u8> {
    // This runs before the signature is checked, on a body that may hold hundreds of thousands of
    // fields: the sort must stay O(n log n). Equal pairs are equal, so stability does not matter.
    let mut pairs: Vec<(Cow<'_, str>, Cow<'_, str>)> = form_urlencoded::parse(body).collect();
    crate::sort::heapsort_by(&mut pairs, |a, b| a < b);
    pairs.dedup();
    let mut out = Vec::with_capacity(body.len());
    for (name, value) in &pairs {
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(value.as_bytes());
    }
    out
}

/// The body with every `"weight":` followed by an integer and then `,` or `}` (whitespace allowed)
/// given a `.0`, as `body.replace(/("weight":\s*)(\d+)(\s*)(?=,|\})/g, "$1$2.0")` does.
#[inline(never)] // kept out of the signed-bytes builder, which every scheme runs
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

#[cfg(test)]
mod tests {
    use super::*;
    // Compiled to wasm32 (scripts/test.sh), these run under wasm-bindgen-test-runner in Node.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn sorts_twilio_parameters_by_name_then_value_once_each() {
        let signed = sorted_pairs(b"To=%2B1555&Body=Hi+there&From=a&Tag=b&Tag=a&Tag=b");
        assert_eq!(signed, b"BodyHi thereFromaTagaTagbTo+1555");
    }

    #[test]
    fn writes_integer_weights_as_floats_like_the_easypost_sdk() {
        let body = br#"{"weight": 10, "parcel":{"weight":5.5,"x":{"weight":7}},"weight" :1,"note":"\"weight\":3,"}"#;
        let expected =
            br#"{"weight": 10.0, "parcel":{"weight":5.5,"x":{"weight":7.0}},"weight" :1,"note":"\"weight\":3,"}"#;
        assert_eq!(float_weights(body), expected.to_vec());
        assert_eq!(float_weights(b"{}"), b"{}");
    }
}
