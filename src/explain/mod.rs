//! Why a delivery does or does not verify, step by step, for the inspector and `hookgate verify`: which
//! credential was found, the signed timestamp's age, which secret matched, and on a mismatch the likely
//! cause (the smallest change to the body after signing, a timestamp changed after signing, hex/base64
//! confusion, a secret used in the wrong form or with stray whitespace), another provider the delivery
//! looks like, and the event of a delivery that is authentic but stale. The verdict itself always comes
//! from [`crate::verify_at`]; this only explains it. Secrets are never shown; the signed string and the
//! expected signatures only when asked for ([`Reveal::Signing`]), since they let whoever reads them
//! sign that very body.

mod body_variants;

use subtle::ConstantTimeEq;

use crate::json::{push_optional_string, push_string};
use crate::providers::{self, Provider};
use crate::scheme::signature::{Encoding, KeyFormat, SignatureScheme, SignedInput, SignedString};
use crate::scheme::{bearer, body_secret, token, Credential};
use crate::{verify_at, Error, Event, Options, Request, Secret};

/// How a step went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// The step checks out.
    Pass,
    /// The step is why the delivery fails.
    Fail,
    /// Context, neither pass nor fail.
    Info,
}

/// One line of the explanation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// What was looked at.
    pub title: &'static str,
    /// How it went.
    pub status: Status,
    /// What was found, in words (never a secret).
    pub detail: String,
}

/// The verdict and the steps behind it.
#[derive(Debug)]
pub struct Explanation<'a> {
    /// The provider explained (given, or detected from the delivery).
    pub provider: Option<&'static str>,
    /// Whether the provider was detected rather than given.
    pub detected: bool,
    /// The verdict of `verify_at`.
    pub result: Result<Event<'a>, Error>,
    /// What was checked, in order.
    pub steps: Vec<Step>,
    /// The signature's inputs and the expected signatures (with [`Reveal::Signing`]).
    pub signing: Option<Signing>,
    /// The signed timestamp, when the credential carries one.
    pub timestamp: Option<Timestamp>,
    /// The body variant that verifies, when the body was changed after signing.
    pub fix: Option<Fix>,
    /// Another provider the delivery looks like, when the chosen one's credential is absent.
    pub suggestion: Option<&'static str>,
    /// The event of a delivery that verifies at its signed time but is outside the tolerance now.
    pub stale_event: Option<Event<'a>>,
}

/// Whether to show what lets a reader sign this body: the signed string and the expected signatures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reveal {
    /// Only the verdict and the steps (what may be logged).
    Verdict,
    /// Also the signed string and each configured secret's signature (a debugging tool, for its user).
    Signing,
}

/// What a signature was computed over, and what it should have been.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signing {
    /// `hex HMAC-SHA512 of "t.body"`.
    pub scheme: String,
    /// The signed bytes (as text; invalid UTF-8 replaced) and their exact count.
    pub signed: String,
    /// The number of signed bytes.
    pub signed_bytes: usize,
    /// The signatures the delivery carries, encoded as the sender writes them.
    pub presented: Vec<String>,
    /// For each configured secret in order: the signature it gives, and the whole header value.
    pub expected: Vec<(String, String)>,
}

/// The signed timestamp against the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timestamp {
    /// Unix seconds, as signed.
    pub signed: i64,
    /// Seconds between it and the verification time (negative: in the future).
    pub age: i64,
    /// The tolerance it was held to.
    pub tolerance: u64,
}

/// The body as it was signed, found by undoing one common change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// A stable name for the change (`trailing-whitespace-added`, `crlf-to-lf`, …).
    pub change: &'static str,
    /// The body that verifies (as text; invalid UTF-8 replaced).
    pub body: String,
}

impl Explanation<'_> {
    /// `{provider, detected, verdict, code, message, steps: [{title, status, detail}], event}`.
    pub fn to_json(&self) -> String {
        let mut out = String::from("{\"provider\":");
        push_optional_string(&mut out, self.provider);
        out.push_str(if self.detected { ",\"detected\":true" } else { ",\"detected\":false" });
        match &self.result {
            Ok(_) => out.push_str(",\"verdict\":\"verified\",\"code\":null,\"message\":null"),
            Err(error) => {
                out.push_str(",\"verdict\":\"rejected\",\"code\":");
                push_string(&mut out, error.code());
                out.push_str(",\"message\":");
                push_string(&mut out, &error.to_string());
            }
        }
        out.push_str(",\"steps\":[");
        for (index, step) in self.steps.iter().enumerate() {
            if index > 0 {
                out.push(',');
            }
            out.push_str("{\"title\":");
            push_string(&mut out, step.title);
            out.push_str(match step.status {
                Status::Pass => ",\"status\":\"pass\"",
                Status::Fail => ",\"status\":\"fail\"",
                Status::Info => ",\"status\":\"info\"",
            });
            out.push_str(",\"detail\":");
            push_string(&mut out, &step.detail);
            out.push('}');
        }
        out.push_str("],\"event\":");
        match &self.result {
            Ok(event) => out.push_str(&event.to_json()),
            Err(_) => out.push_str("null"),
        }
        out.push_str(",\"staleEvent\":");
        match &self.stale_event {
            Some(event) => out.push_str(&event.to_json()),
            None => out.push_str("null"),
        }
        out.push_str(",\"suggestion\":");
        push_optional_string(&mut out, self.suggestion);
        out.push_str(",\"timestamp\":");
        match self.timestamp {
            Some(t) => {
                out.push_str(&format!("{{\"signed\":{},\"age\":{},\"tolerance\":{}}}", t.signed, t.age, t.tolerance))
            }
            None => out.push_str("null"),
        }
        out.push_str(",\"fix\":");
        match &self.fix {
            Some(fix) => {
                out.push_str("{\"change\":");
                push_string(&mut out, fix.change);
                out.push_str(",\"body\":");
                push_string(&mut out, &fix.body);
                out.push('}');
            }
            None => out.push_str("null"),
        }
        out.push_str(",\"signing\":");
        match &self.signing {
            Some(signing) => signing.write_json(&mut out),
            None => out.push_str("null"),
        }
        out.push('}');
        out
    }
}

impl Signing {
    fn write_json(&self, out: &mut String) {
        out.push_str("{\"scheme\":");
        push_string(out, &self.scheme);
        out.push_str(",\"signed\":");
        push_string(out, &self.signed);
        out.push_str(&format!(",\"signedBytes\":{},\"presented\":[", self.signed_bytes));
        for (index, signature) in self.presented.iter().enumerate() {
            if index > 0 {
                out.push(',');
            }
            push_string(out, signature);
        }
        out.push_str("],\"expected\":[");
        for (index, (signature, header)) in self.expected.iter().enumerate() {
            if index > 0 {
                out.push(',');
            }
            out.push_str(&format!("{{\"secret\":{},\"signature\":", index + 1));
            push_string(out, signature);
            out.push_str(",\"header\":");
            push_string(out, header);
            out.push('}');
        }
        out.push_str("]}");
    }
}

/// What the steps found beyond the steps themselves.
#[derive(Default)]
struct Findings {
    signing: Option<Signing>,
    timestamp: Option<Timestamp>,
    fix: Option<Fix>,
}

fn step(steps: &mut Vec<Step>, title: &'static str, status: Status, detail: impl Into<String>) {
    steps.push(Step { title, status, detail: detail.into() });
}

/// Explains `request` for `provider` (or the provider [`providers::detect`] names when `None`).
pub fn explain<'a>(
    provider: Option<&str>,
    request: &Request<'a>,
    options: &Options,
    now: i64,
    reveal: Reveal,
) -> Explanation<'a> {
    let mut steps = Vec::new();
    let (found, detected) = match provider {
        Some(id) => (providers::find(id), false),
        None => (providers::detect(request), true),
    };
    let Some(provider) = found else {
        let detail = match provider {
            Some(_) => "not a provider id hookgate knows",
            None => "neither a signature header nor the payload's shape names a provider: choose one",
        };
        step(&mut steps, "Provider", Status::Fail, detail);
        return Explanation {
            provider: None,
            detected,
            result: Err(Error::UnknownProvider),
            steps,
            signing: None,
            timestamp: None,
            fix: None,
            suggestion: None,
            stale_event: None,
        };
    };
    let how = if detected { "detected from the delivery" } else { "as chosen" };
    step(&mut steps, "Provider", Status::Info, format!("{} ({how})", provider.about.name));
    let result = verify_at(provider.id, request, options, now);
    body_steps(&mut steps, request, options);
    let mut findings = Findings::default();
    credential_steps(&mut steps, &mut findings, provider, request, options, now, reveal);
    match &result {
        Ok(event) => step(
            &mut steps,
            "Event",
            Status::Pass,
            format!("{} (from `{}`), id {}", event.event_type, event.source_type, event.id),
        ),
        Err(error @ (Error::InvalidJson { .. } | Error::InvalidPayload(_))) => {
            step(&mut steps, "Event", Status::Fail, error.to_string())
        }
        Err(_) => {}
    }
    // Authentic but stale: what it would have been, had it arrived in time.
    let stale_event = match (&result, findings.timestamp) {
        (Err(Error::TimestampOutOfTolerance { .. }), Some(t)) => {
            verify_at(provider.id, request, options, t.signed).ok()
        }
        _ => None,
    };
    // The chosen provider's credential is absent: does the delivery carry another provider's?
    let suggestion = match &result {
        Err(Error::MissingSignature(_)) if !detected => {
            providers::detect(request).map(|other| other.id).filter(|other| *other != provider.id)
        }
        _ => None,
    };
    if let Some(other) = suggestion.and_then(providers::find) {
        step(
            &mut steps,
            "Provider",
            Status::Fail,
            format!(
                "this looks like a {} delivery: its credential is here, {}'s is not",
                other.about.name, provider.about.name
            ),
        );
    }
    Explanation {
        provider: Some(provider.id),
        detected,
        result,
        steps,
        signing: findings.signing,
        timestamp: findings.timestamp,
        fix: findings.fix,
        suggestion,
        stale_event,
    }
}

fn body_steps(steps: &mut Vec<Step>, request: &Request<'_>, options: &Options) {
    let size = request.body.len();
    if size > options.max_body_bytes {
        return step(
            steps,
            "Body",
            Status::Fail,
            format!("{size} bytes: over the limit of {} bytes", options.max_body_bytes),
        );
    }
    let detail = match std::str::from_utf8(request.body) {
        Err(_) => "not UTF-8, so not JSON".to_owned(),
        Ok(text) if serde_json::from_str::<&serde_json::value::RawValue>(text).is_err() => "not valid JSON".to_owned(),
        Ok(_) => "valid JSON".to_owned(),
    };
    step(steps, "Body", Status::Info, format!("{size} bytes, {detail}"));
}

/// `1 secret`, `2 secrets`, `no token`.
fn count(n: usize, what: &str) -> String {
    match n {
        0 => format!("no {what}"),
        1 => format!("1 {what}"),
        n => format!("{n} {what}s"),
    }
}

fn credential_steps(
    steps: &mut Vec<Step>,
    findings: &mut Findings,
    provider: &Provider,
    request: &Request<'_>,
    options: &Options,
    now: i64,
    reveal: Reveal,
) {
    let secrets = options.keys(crate::KeyKind::Secret).count();
    let tokens = options.keys(crate::KeyKind::Token).count();
    let configured = format!("{} and {} configured", count(secrets, "secret"), count(tokens, "token"));
    let usable = provider.credentials.iter().any(|c| options.keys(c.key_kind()).next().is_some());
    if usable {
        step(steps, "Configuration", Status::Info, configured);
    } else {
        // Say which option this provider reads, so a value given in the other one is not a mystery.
        let wanted: Vec<&str> = provider
            .credentials
            .iter()
            .map(|c| match c.key_kind() {
                crate::KeyKind::Secret => "`secret`",
                crate::KeyKind::Token => "`token`",
            })
            .fold(Vec::new(), |mut kinds, kind| {
                if !kinds.contains(&kind) {
                    kinds.push(kind);
                }
                kinds
            });
        let empty = if wanted.len() > 1 { "both are empty" } else { "it is empty" };
        let detail = format!(
            "{configured}: {} reads its key from {} and {empty}, so nothing can be checked",
            provider.about.name,
            wanted.join(" or ")
        );
        return step(steps, "Configuration", Status::Fail, detail);
    }
    for credential in provider.credentials {
        let keys = options.keys(credential.key_kind());
        let place = credential.place();
        match credential {
            Credential::Signature(scheme) => match scheme.header_value(request) {
                Ok(Some(header)) => {
                    return signature_steps(steps, findings, scheme, request, header, options, now, reveal)
                }
                _ => step(steps, "Credential", Status::Info, format!("no {place}")),
            },
            Credential::ConfiguredSignature => match &options.hmac {
                Some(config) => {
                    let outcome = config.with_scheme(|scheme| match scheme.header_value(request) {
                        Ok(Some(header)) => {
                            signature_steps(steps, findings, scheme, request, header, options, now, reveal);
                            true
                        }
                        _ => false,
                    });
                    match outcome {
                        Ok(true) => return,
                        Ok(false) => step(steps, "Credential", Status::Info, "no configured signature header"),
                        Err(error) => step(steps, "Configuration", Status::Fail, error.to_string()),
                    }
                }
                None => {
                    step(steps, "Configuration", Status::Fail, "the `hmac` option (the sender's scheme) is missing")
                }
            },
            Credential::Bearer(_) => match bearer::presented(request) {
                Ok(Some(presented)) => return token_steps(steps, &place, presented, keys),
                Ok(None) => step(steps, "Credential", Status::Info, format!("no {place}")),
                Err(error) => return step(steps, "Credential", Status::Fail, error.to_string()),
            },
            Credential::UrlToken { param, .. } => match request.query_param(param) {
                Ok(Some(presented)) => return token_steps(steps, &place, &presented, keys),
                Ok(None) => step(steps, "Credential", Status::Info, format!("no {place}")),
                Err(error) => return step(steps, "Credential", Status::Fail, error.to_string()),
            },
            Credential::BodySecret { path } => {
                let Ok(body) = std::str::from_utf8(request.body) else { return };
                match body_secret::extract(body, path) {
                    Ok(extracted) => match extracted.secret {
                        Some(presented) => return token_steps(steps, &place, &presented, keys),
                        None => step(steps, "Credential", Status::Fail, format!("no {place}")),
                    },
                    Err(error) => return step(steps, "Credential", Status::Fail, error.to_string()),
                }
            }
        }
    }
}

fn token_steps<'s>(
    steps: &mut Vec<Step>,
    place: &str,
    presented: &str,
    keys: impl Iterator<Item = &'s Secret> + Clone,
) {
    let count = keys.clone().count();
    match token::match_token(presented, keys.clone()) {
        Some(index) => {
            step(steps, "Match", Status::Pass, format!("the {place} matches configured key #{} of {count}", index + 1))
        }
        None => {
            step(steps, "Credential", Status::Info, format!("{place}: {} characters", presented.chars().count()));
            // Every comparison here is constant time, as in `verify`: explain() may run on live traffic.
            let trimmed_keys: Vec<Secret> = keys.clone().map(|k| Secret::new(k.expose().trim())).collect();
            let trimmed = token::match_token(presented.trim(), keys.clone()).is_some()
                || (!presented.is_empty() && token::match_token(presented, trimmed_keys.iter()).is_some());
            let lowered_keys: Vec<Secret> =
                keys.clone().map(|k| Secret::new(k.expose().to_ascii_lowercase())).collect();
            let cased = token::match_token(&presented.to_ascii_lowercase(), lowered_keys.iter()).is_some();
            let cause = if trimmed {
                "matches once surrounding whitespace is removed: check the configured value for spaces or a newline"
            } else if cased {
                "matches except for letter case: tokens are case-sensitive"
            } else {
                "matches no configured key: the sender uses another token, or this is not the sender"
            };
            step(steps, "Match", Status::Fail, format!("the {place} {cause}"));
        }
    }
}

#[allow(clippy::too_many_arguments)] // the explanation's state, threaded through one recursive walk
fn signature_steps(
    steps: &mut Vec<Step>,
    findings: &mut Findings,
    scheme: &SignatureScheme<'_>,
    request: &Request<'_>,
    header: &str,
    options: &Options,
    now: i64,
    reveal: Reveal,
) {
    step(steps, "Credential", Status::Info, format!("{} header found: {}", scheme.header[0], scheme.describe()));
    let presented = match scheme.parse(request, header) {
        Ok(presented) => presented,
        Err(error) => {
            step(steps, "Signature", Status::Fail, format!("{error}{}", encoding_hint(scheme, header)));
            return;
        }
    };
    if let Some((_, t)) = presented.timestamp {
        let age = now.saturating_sub(t);
        findings.timestamp = Some(Timestamp { signed: t, age, tolerance: options.tolerance_seconds });
        let within = now.abs_diff(t) <= options.tolerance_seconds;
        let when = if age >= 0 { format!("{age} s old") } else { format!("{} s in the future", age.unsigned_abs()) };
        let verdict = if within { "within" } else { "outside" };
        step(
            steps,
            "Timestamp",
            if within { Status::Pass } else { Status::Fail },
            format!("t={t}: {when}, {verdict} the tolerance of {} s", options.tolerance_seconds),
        );
    }
    let count_presented = presented.signatures.len();
    step(steps, "Signature", Status::Info, format!("{} of the expected length", count(count_presented, "signature")));
    let keys: Vec<(usize, crate::scheme::signature::Key<'_>)> = options
        .keys(crate::KeyKind::Secret)
        .enumerate()
        .filter_map(|(i, s)| scheme.key.key_bytes(s.expose()).ok().map(|k| (i, k)))
        .collect();
    let timestamp_text = presented.timestamp.map_or("", |(text, _)| text);
    let urls = match scheme.signed_urls(request) {
        Ok(urls) => urls,
        Err(error) => return step(steps, "Signature", Status::Fail, error.to_string()),
    };
    let url: &str = &urls[0];
    if reveal == Reveal::Signing {
        findings.signing = Some(signing(scheme, request, url, &presented, &keys));
    }
    let matches = |key: &[u8], timestamp: &str, body: &[u8]| {
        let tag = scheme.tag(key, &SignedInput { id: presented.id, timestamp, url, body });
        // Constant time even here: explain() may run on live traffic, and must not become a MAC oracle.
        presented.signatures.iter().any(|s| bool::from(s.as_slice().ct_eq(&tag)))
    };
    if let Some((index, _)) = keys.iter().find(|(_, key)| matches(key, timestamp_text, request.body)) {
        let count = options.keys(crate::KeyKind::Secret).count();
        return step(
            steps,
            "Match",
            Status::Pass,
            format!("the signature matches configured secret #{} of {count}", index + 1),
        );
    }
    if keys.is_empty() {
        return step(steps, "Match", Status::Fail, "no configured secret is a key this scheme can use");
    }
    // No part of an expected signature unless asked for: it is the MAC of a body the caller chose.
    let detail = if reveal == Reveal::Signing {
        "the signature matches no configured secret; what each would sign is listed with the signed string".to_owned()
    } else {
        let count = options.keys(crate::KeyKind::Secret).count();
        let got = scheme.encoding.encode(&presented.signatures[0]);
        format!("the signature {}… matches none of the {count} configured secrets", prefix(&got))
    };
    step(steps, "Match", Status::Fail, detail);
    let cause = likely_cause(findings, scheme, request, options, &presented, &keys, &matches);
    step(steps, "Likely cause", Status::Fail, cause);
}

/// The signed string and each configured secret's signature over it.
fn signing(
    scheme: &SignatureScheme<'_>,
    request: &Request<'_>,
    url: &str,
    presented: &crate::scheme::signature::Presented<'_>,
    keys: &[(usize, crate::scheme::signature::Key<'_>)],
) -> Signing {
    let input = presented.input(url, request.body);
    let signed = scheme.signed_bytes(&input).concat();
    // The header a sender would write: the received timestamp text (as signed) beside each signature.
    let expected = keys
        .iter()
        .map(|(_, key)| {
            let signature = scheme.encoding.encode(&scheme.tag(key, &input));
            let header = scheme.header_with(input.timestamp, &signature);
            (signature, header)
        })
        .collect();
    Signing {
        scheme: scheme.describe(),
        signed: String::from_utf8_lossy(&signed).into_owned(),
        signed_bytes: signed.len(),
        presented: presented.signatures.iter().map(|s| scheme.encoding.encode(s)).collect(),
        expected,
    }
}

fn prefix(text: &str) -> &str {
    text.get(..12).unwrap_or(text)
}

/// When the signature does not parse: is it in the other encoding?
fn encoding_hint(scheme: &SignatureScheme<'_>, header: &str) -> &'static str {
    let other = match scheme.encoding {
        Encoding::Hex => Encoding::Base64,
        Encoding::Base64 => Encoding::Hex,
    };
    // Each entry, whole or after its `key=` (base64 padding keeps its own `=`).
    let looks_other = header
        .split([',', ' '])
        .flat_map(|part| [Some(part), part.split_once('=').map(|(_, value)| value)])
        .flatten()
        .filter_map(|part| other.decode(part.trim()))
        .any(|bytes| bytes.len() == scheme.algorithm.tag_len());
    match (looks_other, scheme.encoding) {
        (true, Encoding::Hex) => " (it looks base64, but this sender writes hex)",
        (true, Encoding::Base64) => " (it looks hex, but this sender writes base64)",
        _ => "",
    }
}

/// Whether a key, a timestamp text and a body give one of the presented signatures.
type Matcher<'m> = dyn Fn(&[u8], &str, &[u8]) -> bool + 'm;

fn likely_cause(
    findings: &mut Findings,
    scheme: &SignatureScheme<'_>,
    request: &Request<'_>,
    options: &Options,
    presented: &crate::scheme::signature::Presented<'_>,
    keys: &[(usize, crate::scheme::signature::Key<'_>)],
    matches: &Matcher<'_>,
) -> String {
    let timestamp_text = presented.timestamp.map_or("", |(text, _)| text);
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
    // 2. A timestamp changed after signing (small bodies only: one HMAC per second tried).
    if let Some((_, t)) = presented.timestamp {
        if scheme.signed.signs_timestamp()
            && scheme.signed != SignedString::TimestampBody
            && request.body.len() <= 16 * 1024
        {
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
    for secret in options.keys(crate::KeyKind::Secret) {
        let raw = secret.expose();
        let other = match scheme.key {
            KeyFormat::Utf8 | KeyFormat::Nfkd => KeyFormat::WhsecBase64.key_bytes(raw).ok(),
            KeyFormat::WhsecBase64 => Some(crate::scheme::signature::Key::Given(raw.as_bytes())),
        };
        if other.is_some_and(|key| matches(&key, timestamp_text, request.body)) {
            return match scheme.key {
                KeyFormat::Utf8 | KeyFormat::Nfkd => "the secret verifies once base64-decoded: this sender uses it as plain text, so the configured value is not what the sender holds".into(),
                KeyFormat::WhsecBase64 => "the secret verifies as plain text: this scheme base64-decodes the part after `whsec_`".into(),
            };
        }
        // Lengths, not contents: trimming only ever shortens, and a length compare reads no byte of it.
        if raw.trim().len() < raw.len()
            && scheme.key.key_bytes(raw.trim()).is_ok_and(|key| matches(&key, timestamp_text, request.body))
        {
            return "the configured secret has surrounding whitespace or a newline: it verifies without it".into();
        }
    }
    "no variation verifies: the secret is not the one this sender signs with (check which endpoint or environment it belongs to), or the body was changed in transit".into()
}

#[cfg(test)]
mod tests {
    use super::*;
    // Compiled to wasm32 (scripts/test.sh), these run under wasm-bindgen-test-runner in Node.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn explain_json(
        provider: Option<&str>,
        headers: &[(&str, &str)],
        body: &str,
        options: &Options,
        now: i64,
    ) -> serde_json::Value {
        let explanation = explain(provider, &Request::new(headers, body.as_bytes()), options, now, Reveal::Signing);
        serde_json::from_str(&explanation.to_json()).unwrap()
    }

    fn last_detail(explained: &serde_json::Value) -> String {
        explained["steps"].as_array().unwrap().last().unwrap()["detail"].as_str().unwrap().to_owned()
    }

    const PRETTY: &str = "{\n  \"device_return_id\": \"d1\",\n  \"state\": \"complete\"\n}";

    #[test]
    fn says_which_secret_matched() {
        let header = crate::sign_reready(PRETTY.as_bytes(), "ssk_new", 1000);
        let options = Options { secrets: vec!["ssk_old".into(), "ssk_new".into()], ..Options::default() };
        let explained = explain_json(Some("reready"), &[("X-ReReady-Signature-512", &header)], PRETTY, &options, 1010);
        assert_eq!(explained["verdict"], "verified");
        let details = explained["steps"].to_string();
        assert!(details.contains("10 s old, within the tolerance of 300 s"), "{details}");
        assert!(details.contains("matches configured secret #2 of 2"), "{details}");
        assert!(!details.contains("ssk_new") && !details.contains("ssk_old"));
    }

    #[test]
    fn spots_a_body_reserialized_after_signing() {
        let header = crate::sign_reready(PRETTY.as_bytes(), "ssk", 1000);
        let compact = r#"{"device_return_id":"d1","state":"complete"}"#;
        let explained = explain_json(
            Some("reready"),
            &[("X-ReReady-Signature-512", &header)],
            compact,
            &Options::with_secret("ssk"),
            1000,
        );
        assert_eq!(explained["code"], "signature_mismatch");
        assert!(last_detail(&explained).contains("the body was changed after signing"), "{explained}");
    }

    #[test]
    fn spots_a_timestamp_changed_after_signing_and_a_stale_one() {
        let signed = crate::sign_reready(PRETTY.as_bytes(), "ssk", 1000);
        let moved = signed.replace("t=1000", "t=1100");
        let explained = explain_json(
            Some("reready"),
            &[("X-ReReady-Signature-512", &moved)],
            PRETTY,
            &Options::with_secret("ssk"),
            1100,
        );
        assert!(last_detail(&explained).contains("the signature is for t=1000, the header says t=1100"), "{explained}");
        let stale = explain_json(
            Some("reready"),
            &[("X-ReReady-Signature-512", &signed)],
            PRETTY,
            &Options::with_secret("ssk"),
            5000,
        );
        assert_eq!(stale["code"], "timestamp_out_of_tolerance");
        assert!(stale["steps"].to_string().contains("4000 s old, outside the tolerance of 300 s"), "{stale}");
    }

    #[test]
    fn spots_hex_base64_confusion_and_secrets_in_the_wrong_form() {
        let body = r#"{"type":"return.created"}"#;
        let header = crate::sign_headers("github", "s3cret", body.as_bytes(), 0, "", None).unwrap();
        let hex = header[0].1.trim_start_matches("sha256=");
        let bytes = hex::decode(hex).unwrap();
        let as_base64 = format!("sha256={}", <base64ct::Base64 as base64ct::Encoding>::encode_string(&bytes));
        let headers =
            [("X-Hub-Signature-256", as_base64.as_str()), ("X-GitHub-Event", "ping"), ("X-GitHub-Delivery", "d")];
        let explained = explain_json(Some("github"), &headers, body, &Options::with_secret("s3cret"), 0);
        assert!(explained["steps"].to_string().contains("it looks base64, but this sender writes hex"), "{explained}");

        let spaced = Options::with_secret("s3cret\n");
        let headers =
            [("X-Hub-Signature-256", header[0].1.as_str()), ("X-GitHub-Event", "ping"), ("X-GitHub-Delivery", "d")];
        let explained = explain_json(Some("github"), &headers, body, &spaced, 0);
        assert!(last_detail(&explained).contains("surrounding whitespace"), "{explained}");
    }

    #[test]
    fn detects_the_provider_and_explains_tokens() {
        let body = r#"{"event":"return_order.status.changed","oldStatus":"a","newStatus":"b"}"#;
        let options = Options::with_token("tok");
        let explained = explain_json(None, &[("Authorization", "Bearer TOK")], body, &options, 0);
        assert_eq!(explained["provider"], "returns-cloud");
        assert_eq!(explained["detected"], true);
        assert!(last_detail(&explained).contains("letter case"), "{explained}");
    }

    #[test]
    fn names_a_trailing_newline_added_after_signing_not_a_reserialization() {
        let signed = r#"{"device_return_id":"d1","state":"complete"}"#;
        let header = crate::sign_reready(signed.as_bytes(), "ssk", 1000);
        let received = format!("{signed}\n");
        let explained = explain_json(
            Some("reready"),
            &[("X-ReReady-Signature-512", &header)],
            &received,
            &Options::with_secret("ssk"),
            1000,
        );
        assert_eq!(explained["fix"]["change"], "trailing-whitespace-added", "{explained}");
        assert_eq!(explained["fix"]["body"], signed);
        assert!(
            last_detail(&explained).contains("a trailing newline or whitespace was added after signing"),
            "{explained}"
        );
    }

    #[test]
    fn shows_the_signed_string_and_every_expected_signature_only_when_asked() {
        let header = crate::sign_reready(PRETTY.as_bytes(), "ssk_right", 1000);
        let headers = [("X-ReReady-Signature-512", header.as_str())];
        let options = Options { secrets: vec!["ssk_a".into(), "ssk_b".into()], ..Options::default() };
        let explained = explain_json(Some("reready"), &headers, PRETTY, &options, 1000);
        let signing = &explained["signing"];
        assert_eq!(signing["signed"], format!("1000.{PRETTY}"));
        assert_eq!(signing["signedBytes"], 5 + PRETTY.len());
        for (index, secret) in ["ssk_a", "ssk_b"].into_iter().enumerate() {
            let expected = crate::sign_reready(PRETTY.as_bytes(), secret, 1000);
            assert_eq!(signing["expected"][index]["header"], expected.as_str());
            assert!(expected.ends_with(signing["expected"][index]["signature"].as_str().unwrap()));
        }
        assert!(header.ends_with(signing["presented"][0].as_str().unwrap()));
        let request = Request::new(&headers, PRETTY.as_bytes());
        let hidden = explain(Some("reready"), &request, &options, 1000, Reveal::Verdict).to_json();
        let hidden: serde_json::Value = serde_json::from_str(&hidden).unwrap();
        assert!(hidden["signing"].is_null());
        // No part of any expected signature: with it, whoever chose the body could learn its MAC.
        let shown = hidden.to_string();
        for secret in ["ssk_a", "ssk_b"] {
            let expected = crate::sign_reready(PRETTY.as_bytes(), secret, 1000);
            let hex = &expected[expected.len() - 128..];
            for window in hex.as_bytes().windows(6) {
                assert!(!shown.contains(std::str::from_utf8(window).unwrap()), "{shown}");
            }
        }
        assert!(shown.contains("matches none of the 2 configured secrets"), "{shown}");
    }

    #[test]
    fn an_empty_secret_is_said_to_be_empty_not_wrong() {
        let header = crate::sign_reready(PRETTY.as_bytes(), "ssk", 1000);
        let explained =
            explain_json(Some("reready"), &[("X-ReReady-Signature-512", &header)], PRETTY, &Options::default(), 1000);
        let steps = explained["steps"].to_string();
        assert!(steps.contains("no secret and no token configured"), "{steps}");
        assert!(steps.contains("ReReady reads its key from `secret` or `token` and both are empty"), "{steps}");
        assert!(!steps.contains("Likely cause") && !steps.contains("not the one this sender signs with"), "{steps}");
    }

    #[test]
    fn a_bearer_token_given_as_a_token_says_where_it_belongs() {
        let body = r#"{"type":"created","at":"2026-01-01T00:00:00Z","return":{"id":"r1"}}"#;
        let explained =
            explain_json(Some("redo"), &[("Authorization", "Bearer tok")], body, &Options::with_token("tok"), 0);
        assert_eq!(explained["code"], "missing_secret");
        let steps = explained["steps"].to_string();
        assert!(steps.contains("no secret and 1 token configured: Redo reads its key from `secret`"), "{steps}");
        assert!(!steps.contains("matches no configured key"), "{steps}");
    }

    #[test]
    fn a_wrong_token_reads_as_a_sentence() {
        let body = r#"{"type":"created","at":"2026-01-01T00:00:00Z","return":{"id":"r1"}}"#;
        let explained =
            explain_json(Some("redo"), &[("Authorization", "Bearer other")], body, &Options::with_secret("tok"), 0);
        assert!(
            last_detail(&explained).starts_with("the Authorization: Bearer header matches no configured key"),
            "{explained}"
        );
    }

    #[test]
    fn suggests_the_provider_whose_credential_the_delivery_carries() {
        let body = r#"{"action":"opened"}"#;
        let headers = crate::sign_headers("github", "s3cret", body.as_bytes(), 0, "", None).unwrap();
        let mut all: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        all.push(("X-GitHub-Event", "issues"));
        all.push(("X-GitHub-Delivery", "d1"));
        let explained = explain_json(Some("stripe"), &all, body, &Options::with_secret("s3cret"), 0);
        assert_eq!(explained["code"], "missing_signature");
        assert_eq!(explained["suggestion"], "github");
        assert!(explained["steps"].to_string().contains("this looks like a GitHub delivery"), "{explained}");
        let right = explain_json(Some("github"), &all, body, &Options::with_secret("s3cret"), 0);
        assert!(right["suggestion"].is_null());
    }

    #[test]
    fn an_authentic_but_stale_delivery_shows_its_age_and_the_event_it_carries() {
        let signed = crate::sign_reready(PRETTY.as_bytes(), "ssk", 1000);
        let headers = [("X-ReReady-Signature-512", signed.as_str())];
        let stale = explain_json(Some("reready"), &headers, PRETTY, &Options::with_secret("ssk"), 5000);
        assert_eq!(stale["code"], "timestamp_out_of_tolerance");
        assert_eq!(stale["timestamp"], serde_json::json!({"signed": 1000, "age": 4000, "tolerance": 300}));
        assert!(stale["event"].is_null());
        assert_eq!(stale["staleEvent"]["id"], "d1:complete");
        // A forged one that is also stale shows no event.
        let forged = explain_json(Some("reready"), &headers, PRETTY, &Options::with_secret("other"), 5000);
        assert!(forged["staleEvent"].is_null());
    }

    #[test]
    fn the_expected_header_carries_the_timestamp_as_it_was_signed() {
        // Zendesk signs its timestamp header's text; one written with milliseconds must stay so.
        let body = r#"{"type":"zen:event-type:ticket.created","id":"e1"}"#;
        let timestamp = "2026-01-01T00:00:00.000Z";
        let signature = <base64ct::Base64 as base64ct::Encoding>::encode_string(&crate::Algorithm::Sha256.mac(
            b"zd-secret",
            &crate::scheme::signature::SignedBytes::Parts([timestamp.as_bytes(), body.as_bytes(), &[], &[], &[]], 2),
        ));
        let headers =
            [("X-Zendesk-Webhook-Signature", signature.as_str()), ("X-Zendesk-Webhook-Signature-Timestamp", timestamp)];
        let explained =
            explain_json(Some("zendesk"), &headers, body, &Options::with_secret("zd-secret"), 1_767_225_600);
        assert_eq!(explained["verdict"], "verified", "{explained}");
        let expected = &explained["signing"]["expected"][0];
        assert_eq!(expected["signature"], signature.as_str());
        assert_eq!(expected["header"], signature.as_str(), "{explained}");
    }
}
