//! Contentful's canonical request (its `@contentful/node-apps-toolkit` signs and verifies this): the path
//! and query as `encodeURI(path + "?" + querystring.escape(query))` writes them, and the signed headers,
//! each `name:value` (name lower-cased, value trimmed), sorted by name and joined by `;`.

use crate::{Error, Request};

/// Percent-encodes `text` as JavaScript's `encodeURIComponent` (`keep` empty) or `encodeURI` (`keep` the
/// reserved characters it leaves) does: UTF-8 bytes, upper-case hex.
fn percent_encode(text: &str, keep: &[u8]) -> String {
    const UNRESERVED: &[u8] = b"-_.!~*'()";
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || UNRESERVED.contains(&byte) || keep.contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(b"0123456789ABCDEF"[usize::from(byte >> 4)]));
            out.push(char::from(b"0123456789ABCDEF"[usize::from(byte & 0xf)]));
        }
    }
    out
}

/// The path and query of `url` as Contentful signs them: the query escaped as Node's
/// `querystring.escape` does, then the whole as `encodeURI` does (so the query is escaped twice).
pub fn canonical_path(url: &str) -> String {
    let target = super::url::path_and_query(url);
    let (path, query) = target.split_once('?').map_or((target, None), |(path, query)| (path, Some(query)));
    let path = if path.is_empty() { "/" } else { path };
    let joined = match query {
        Some(query) if !query.is_empty() => format!("{path}?{}", percent_encode(query, b"")),
        _ => path.to_owned(),
    };
    percent_encode(&joined, b";,/?:@&=+$#")
}

/// The signed headers: those `x-contentful-signed-headers` lists that the request has, with that header
/// and `x-contentful-timestamp` themselves, each `name:value`, sorted by name, joined by `;`; the list's
/// own value is the names sorted and joined by `,`, the timestamp's its integer.
pub fn canonical_headers(request: &Request<'_>) -> Result<String, Error> {
    const LIST: &str = "x-contentful-signed-headers";
    const TIMESTAMP: &str = "x-contentful-timestamp";
    let listed = request.header(LIST).ok_or(Error::MalformedSignature("x-contentful-signed-headers is missing"))?;
    let mut names: Vec<String> =
        listed.split(',').map(|name| name.trim().to_ascii_lowercase()).filter(|n| !n.is_empty()).collect();
    names.retain(|name| request.header(name).is_some());
    names.extend([LIST.to_owned(), TIMESTAMP.to_owned()]);
    names.sort();
    names.dedup();
    let pairs: Vec<String> = names
        .iter()
        .map(|name| {
            let value = match name.as_str() {
                LIST => names.join(","),
                // As `parseInt` reads it: the leading digits, as a number.
                TIMESTAMP => {
                    let given = request.header(TIMESTAMP).unwrap_or_default().trim();
                    let digits = &given[..given.bytes().take_while(u8::is_ascii_digit).count()];
                    crate::time::digits(digits.as_bytes()).map_or_else(|| "NaN".to_owned(), |n| n.to_string())
                }
                other => request.header(other).unwrap_or_default().trim().to_owned(),
            };
            format!("{name}:{value}")
        })
        .collect();
    Ok(pairs.join(";"))
}

#[cfg(test)]
mod tests {
    use super::*;
    // Compiled to wasm32 (scripts/test.sh), these run under wasm-bindgen-test-runner in Node.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn escapes_the_query_twice_as_the_toolkit_does() {
        assert_eq!(canonical_path("https://h.test/hooks/contentful"), "/hooks/contentful");
        assert_eq!(canonical_path("https://h.test/hooks?a=1&b=x y"), "/hooks?a%253D1%2526b%253Dx%2520y");
        assert_eq!(canonical_path("https://h.test/p%C3%A9"), "/p%25C3%25A9");
    }

    #[test]
    fn writes_the_signed_headers_sorted_with_the_list_and_the_timestamp() {
        let headers = [
            ("X-Contentful-Signed-Headers", "x-contentful-topic,X-Other,absent"),
            ("x-contentful-timestamp", "01767225600000"),
            ("X-Contentful-Topic", " ContentManagement.Entry.publish "),
            ("x-other", "o"),
        ];
        let canonical = canonical_headers(&Request::new(&headers, b"")).unwrap();
        assert_eq!(
            canonical,
            "x-contentful-signed-headers:x-contentful-signed-headers,x-contentful-timestamp,x-contentful-topic,x-other;x-contentful-timestamp:1767225600000;x-contentful-topic:ContentManagement.Entry.publish;x-other:o"
        );
        assert_eq!(canonical_headers(&Request::new(&[], b"")).unwrap_err().code(), "malformed_signature");
    }
}
