//! The likely cause of a signature that matches no configured secret: the smallest change to the body
//! after signing, a timestamp changed after signing, a secret in the wrong form or with stray whitespace;
//! and, for a signature that does not parse, whether it is in the other encoding.

use super::body_variants;
use super::credential::Matcher;
use super::{Findings, Fix};
use crate::declaration::{Hmac, KeyFormat, TimestampFormat};
use crate::scheme::mac::{Encoding, Key};
use crate::scheme::signature::Presented;
use crate::{KeyKind, Options, Request};

/// The first characters of a presented signature, enough to recognize it.
pub fn prefix(text: &str) -> &str {
    text.get(..12).unwrap_or(text)
}

/// When the signature does not parse: is it in another encoding?
pub fn encoding_hint(hmac: &Hmac, header: &str) -> &'static str {
    let others: &[Encoding] = match hmac.encoding {
        Encoding::Hex => &[Encoding::Base64, Encoding::Base64Url],
        Encoding::Base64 | Encoding::Base64Url => &[Encoding::Hex],
    };
    // Each entry, whole or after its `key=` (base64 padding keeps its own `=`).
    let looks_other = header
        .split([',', ' ', ';'])
        .flat_map(|part| [Some(part), part.split_once('=').map(|(_, value)| value)])
        .flatten()
        .any(|part| {
            others
                .iter()
                .any(|other| other.decode(part.trim()).is_some_and(|bytes| bytes.len() == hmac.algorithm.tag_len()))
        });
    match (looks_other, hmac.encoding) {
        (true, Encoding::Hex) => " (it looks base64, but this sender writes hex)",
        (true, _) => " (it looks hex, but this sender writes base64)",
        _ => "",
    }
}

pub fn likely_cause(
    findings: &mut Findings,
    hmac: &Hmac,
    request: &Request<'_>,
    options: &Options,
    presented: &Presented<'_>,
    keys: &[(usize, Key<'_>)],
    matches: &Matcher<'_>,
) -> String {
    let timestamp_text: &str = presented.timestamp.as_ref().map_or("", |(text, _)| text);
    // 1. The body changed after signing: the smallest change that makes it verify.
    for variant in body_variants::variants(request.body) {
        if keys.iter().any(|(_, key)| matches(key, timestamp_text, &variant.bytes)) {
            let body = String::from_utf8_lossy(&variant.bytes).into_owned();
            findings.fix = Some(Fix { change: variant.change, body });
            return format!(
                "the body was changed after signing: {}. Verify the raw bytes as received, before any parsing, re-serialization or editing",
                variant.detail
            );
        }
    }
    // 2. A timestamp changed after signing (unix seconds, small bodies only: one HMAC per second tried).
    if let Some((_, t)) = presented.timestamp.as_ref() {
        if hmac.signs_timestamp() && hmac.timestamp_format == TimestampFormat::Unix && request.body.len() <= 16 * 1024 {
            for delta in 1..=600i64 {
                for candidate in [t - delta, t + delta] {
                    if keys.iter().any(|(_, key)| matches(key, &candidate.to_string(), request.body)) {
                        return format!("the timestamp was changed after signing: the signature is for t={candidate}, the header says t={t}");
                    }
                }
            }
        }
    }
    // 3. The secret in the wrong form.
    for secret in options.keys(KeyKind::Secret) {
        let raw = secret.expose();
        let other = match hmac.key {
            KeyFormat::Utf8 | KeyFormat::Nfkd | KeyFormat::Hex => KeyFormat::Whsec.key_bytes(raw).ok(),
            KeyFormat::Whsec => Some(Key::Given(raw.as_bytes())),
        };
        if other.is_some_and(|key| matches(&key, timestamp_text, request.body)) {
            return match hmac.key {
                KeyFormat::Whsec => "the secret verifies as plain text: this scheme base64-decodes the part after `whsec_`".into(),
                _ => "the secret verifies once base64-decoded: this sender uses it as plain text, so the configured value is not what the sender holds".into(),
            };
        }
        // Lengths, not contents: trimming only ever shortens, and a length compare reads no byte of it.
        if raw.trim().len() < raw.len()
            && hmac.key.key_bytes(raw.trim()).is_ok_and(|key| matches(&key, timestamp_text, request.body))
        {
            return "the configured secret has surrounding whitespace or a newline: it verifies without it".into();
        }
    }
    "no variation verifies: the secret is not the one this sender signs with (check which endpoint or environment it belongs to), or the body was changed in transit".into()
}
