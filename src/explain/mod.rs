//! Why a delivery does or does not verify, step by step, for the inspector and `hookgate verify`: which
//! credential was found, the signed timestamp's age, which secret matched, and on a mismatch the likely
//! cause (the smallest change to the body after signing, a timestamp changed after signing, hex/base64
//! confusion, a secret used in the wrong form or with stray whitespace), another provider the delivery
//! looks like, and the event of a delivery that is authentic but stale. The verdict itself always comes
//! from [`crate::verify_at`]; this only explains it. Secrets are never shown; the signed string and the
//! expected signatures only when asked for ([`Reveal::Signing`]), since they let whoever reads them
//! sign that very body.

mod body_variants;
mod cause;
mod credential;

use std::rc::Rc;

use crate::json::{push_optional_string, push_string};
use crate::{providers, verify_declared_at, Declaration, Error, Event, Options, Request};

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
    pub provider: Option<String>,
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
    pub suggestion: Option<String>,
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
        push_optional_string(&mut out, self.provider.as_deref());
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
        push_optional_string(&mut out, self.suggestion.as_deref());
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
pub(crate) struct Findings {
    signing: Option<Signing>,
    timestamp: Option<Timestamp>,
    fix: Option<Fix>,
}

pub(crate) fn step(steps: &mut Vec<Step>, title: &'static str, status: Status, detail: impl Into<String>) {
    steps.push(Step { title, status, detail: detail.into() });
}

/// Which provider an explanation is for: a built-in by id, one declared at run time, or none (detected).
pub enum Which<'d> {
    /// A built-in provider's id.
    Id(&'d str),
    /// A provider declared at run time.
    Declared(&'d Declaration),
    /// Detect it from the delivery.
    Detect,
}

/// Explains `request` for the provider `which` names (or the one [`providers::detect`] finds).
pub fn explain<'a>(
    which: Which<'_>,
    request: &Request<'a>,
    options: &Options,
    now: i64,
    reveal: Reveal,
) -> Explanation<'a> {
    let mut steps = Vec::new();
    let detected = matches!(which, Which::Detect);
    let found: Option<Rc<Declaration>> = match which {
        Which::Id(id) => providers::find(id),
        Which::Declared(declaration) => Some(Rc::new(declaration.clone())),
        Which::Detect => providers::detect(request),
    };
    let Some(declaration) = found else {
        let detail = if detected {
            "neither a signature header nor the payload's shape names a provider: choose one"
        } else {
            "not a provider id hookgate knows"
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
    let name = credential::name_of(&declaration).into_owned();
    let how = if detected { "detected from the delivery" } else { "as chosen" };
    step(&mut steps, "Provider", Status::Info, format!("{name} ({how})"));
    let result = verify_declared_at(&declaration, request, options, now);
    body_steps(&mut steps, request, options);
    let mut findings = Findings::default();
    credential::credential_steps(&mut steps, &mut findings, &declaration, &name, request, options, now, reveal);
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
            verify_declared_at(&declaration, request, options, t.signed).ok()
        }
        _ => None,
    };
    // The chosen provider's credential is absent: does the delivery carry another provider's?
    let suggestion = match &result {
        Err(Error::MissingSignature(_)) if !detected => {
            providers::detect(request).filter(|other| other.id != declaration.id)
        }
        _ => None,
    };
    if let Some(other) = &suggestion {
        let detail = format!(
            "this looks like a {} delivery: its credential is here, {name}'s is not",
            credential::name_of(other)
        );
        step(&mut steps, "Provider", Status::Fail, detail);
    }
    Explanation {
        provider: Some(declaration.id.clone()),
        detected,
        result,
        steps,
        signing: findings.signing,
        timestamp: findings.timestamp,
        fix: findings.fix,
        suggestion: suggestion.map(|other| other.id.clone()),
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
pub(crate) fn count(n: usize, what: &str) -> String {
    match n {
        0 => format!("no {what}"),
        1 => format!("1 {what}"),
        n => format!("{n} {what}s"),
    }
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
        let which = provider.map_or(Which::Detect, Which::Id);
        let explanation = explain(which, &Request::new(headers, body.as_bytes()), options, now, Reveal::Signing);
        serde_json::from_str(&explanation.to_json()).unwrap()
    }

    /// The headers `provider`'s sender adds to `body` signed with `secret` at `timestamp`.
    fn signed_headers(provider: &str, secret: &str, body: &[u8], timestamp: i64) -> Vec<(String, String)> {
        let signing = crate::Signing { secret: Some(secret), timestamp, ..Default::default() };
        crate::sign_delivery(provider, body, "", &signing).unwrap().headers.clone()
    }

    /// ReReady's signature header for `body`.
    fn reready(body: &[u8], secret: &str, timestamp: i64) -> String {
        signed_headers("reready", secret, body, timestamp).swap_remove(0).1
    }

    fn last_detail(explained: &serde_json::Value) -> String {
        explained["steps"].as_array().unwrap().last().unwrap()["detail"].as_str().unwrap().to_owned()
    }

    const PRETTY: &str = "{\n  \"device_return_id\": \"d1\",\n  \"state\": \"complete\"\n}";

    #[test]
    fn says_which_secret_matched() {
        let header = reready(PRETTY.as_bytes(), "ssk_new", 1000);
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
        let header = reready(PRETTY.as_bytes(), "ssk", 1000);
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
        let signed = reready(PRETTY.as_bytes(), "ssk", 1000);
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
        let header = signed_headers("github", "s3cret", body.as_bytes(), 0);
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
        let header = reready(signed.as_bytes(), "ssk", 1000);
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
        let header = reready(PRETTY.as_bytes(), "ssk_right", 1000);
        let headers = [("X-ReReady-Signature-512", header.as_str())];
        let options = Options { secrets: vec!["ssk_a".into(), "ssk_b".into()], ..Options::default() };
        let explained = explain_json(Some("reready"), &headers, PRETTY, &options, 1000);
        let signing = &explained["signing"];
        assert_eq!(signing["signed"], format!("1000.{PRETTY}"));
        assert_eq!(signing["signedBytes"], 5 + PRETTY.len());
        for (index, secret) in ["ssk_a", "ssk_b"].into_iter().enumerate() {
            let expected = reready(PRETTY.as_bytes(), secret, 1000);
            assert_eq!(signing["expected"][index]["header"], expected.as_str());
            assert!(expected.ends_with(signing["expected"][index]["signature"].as_str().unwrap()));
        }
        assert!(header.ends_with(signing["presented"][0].as_str().unwrap()));
        let request = Request::new(&headers, PRETTY.as_bytes());
        let hidden = explain(Which::Id("reready"), &request, &options, 1000, Reveal::Verdict).to_json();
        let hidden: serde_json::Value = serde_json::from_str(&hidden).unwrap();
        assert!(hidden["signing"].is_null());
        // No part of any expected signature: with it, whoever chose the body could learn its MAC.
        let shown = hidden.to_string();
        for secret in ["ssk_a", "ssk_b"] {
            let expected = reready(PRETTY.as_bytes(), secret, 1000);
            let hex = &expected[expected.len() - 128..];
            for window in hex.as_bytes().windows(6) {
                assert!(!shown.contains(std::str::from_utf8(window).unwrap()), "{shown}");
            }
        }
        assert!(shown.contains("matches none of the 2 configured secrets"), "{shown}");
    }

    #[test]
    fn an_empty_secret_is_said_to_be_empty_not_wrong() {
        let header = reready(PRETTY.as_bytes(), "ssk", 1000);
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
        let headers = signed_headers("github", "s3cret", body.as_bytes(), 0);
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
        let signed = reready(PRETTY.as_bytes(), "ssk", 1000);
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
        let signature = <base64ct::Base64 as base64ct::Encoding>::encode_string(
            &crate::Algorithm::Sha256.mac(b"zd-secret", &[timestamp.as_bytes(), body.as_bytes()]),
        );
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
