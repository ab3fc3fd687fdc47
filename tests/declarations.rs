//! The declarations contract (docs/declarations.md, issue #25), as tests outside the repository rely on
//! it: the issue's `acme` declaration verifies and normalizes; the defaults hold (no `event.id`: the
//! signed id, else the digest; no `type`: `unknown`; a placeholder that finds nothing leaves its field
//! out; an `id` that finds nothing is `invalid_payload`); a malformed declaration names its field. And
//! Twilio's digest id: every delivery its signature cannot tell apart gets one id.

use hookgate::{Declaration, Options, Request, Signing};

const NOW: i64 = 1_767_225_600;
const SECRET: &str = "acme-secret";

const ACME: &str = r#"{ "id": "acme", "name": "Acme",
  "credential": { "header": "X-Acme-Signature", "algorithm": "sha256", "encoding": "hex", "prefix": "sha256=",
                  "signed": "{t}.{body}", "timestampHeader": "X-Acme-Timestamp", "idHeader": "X-Acme-Delivery" },
  "event": { "id": "{body.event_id}", "type": "{body.kind}", "occurredAt": "{body.created_at}",
             "subject": { "id": "{body.data.id}" } } }"#;

/// What a test reads of an event.
#[derive(Debug)]
struct Seen {
    provider: String,
    id: String,
    event_type: String,
    occurred_at: Option<String>,
    subject_id: Option<String>,
    replayable: bool,
}

/// Verifies `body` for `declaration`, signed as its sender signs it, with the delivery id `d-1`.
fn verified(declaration: &str, body: &str) -> Result<Seen, hookgate::Error> {
    let declaration = Declaration::parse(declaration).expect("a declaration that reads");
    let signing = Signing { secret: Some(SECRET), timestamp: NOW, id: "d-1", ..Default::default() };
    let signed = hookgate::sign_delivery_declared(&declaration, &[], body.as_bytes(), "", &signing)?;
    let headers: Vec<(&str, &str)> = signed.headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    let request = Request::new(&headers, body.as_bytes());
    let event = hookgate::verify_declared_at(&declaration, &request, &Options::with_secret(SECRET), NOW)?;
    Ok(Seen {
        provider: event.provider.into_owned(),
        id: event.id.into_owned(),
        event_type: event.event_type.into_owned(),
        occurred_at: event.occurred_at,
        subject_id: event.subject.id.map(|id| id.into_owned()),
        replayable: event.replayable,
    })
}

#[test]
fn the_issues_declaration_verifies_and_normalizes() {
    let body = r#"{"event_id":"ev_1","kind":"order.paid","created_at":1767225600,"data":{"id":"o_9"}}"#;
    let event = verified(ACME, body).unwrap();
    assert_eq!((event.provider.as_str(), event.id.as_str(), event.event_type.as_str()), ("acme", "ev_1", "order.paid"));
    assert_eq!(event.occurred_at.as_deref(), Some("2026-01-01T00:00:00Z"));
    assert_eq!(event.subject_id.as_deref(), Some("o_9"));
    assert!(!event.replayable, "its signature binds a time");
}

#[test]
fn occurred_at_reads_rfc_3339_unix_seconds_and_milliseconds() {
    for (created_at, expected) in [
        (r#""2026-01-01T01:00:00+01:00""#, "2026-01-01T00:00:00Z"),
        ("1767225600", "2026-01-01T00:00:00Z"),
        ("1767225600000", "2026-01-01T00:00:00Z"),
    ] {
        let body = format!(r#"{{"event_id":"e","kind":"k","created_at":{created_at}}}"#);
        assert_eq!(verified(ACME, &body).unwrap().occurred_at.as_deref(), Some(expected), "{created_at}");
    }
}

#[test]
fn without_event_id_the_signed_id_then_the_digest_and_without_type_unknown() {
    let no_event = ACME
        .split(
            r#",
  "event""#,
        )
        .next()
        .unwrap()
        .to_owned()
        + "}";
    let event = verified(&no_event, r#"{"kind":"x"}"#).unwrap();
    assert_eq!((event.id.as_str(), event.event_type.as_str()), ("d-1", "unknown"));

    let unsigned_id = no_event.replace(r#", "idHeader": "X-Acme-Delivery""#, "");
    let body = r#"{"kind":"x"}"#;
    let event = verified(&unsigned_id, body).unwrap();
    let digest = hookgate::replay_digest(format!("{NOW}.{body}").as_bytes());
    assert_eq!(event.id, digest, "`{digest}`: the hex SHA-256 of the signed bytes");
}

#[test]
fn a_placeholder_that_finds_nothing_leaves_its_field_out_and_an_id_that_finds_nothing_is_refused() {
    let event = verified(ACME, r#"{"event_id":"ev_2","kind":"k"}"#).unwrap();
    assert_eq!((event.occurred_at, event.subject_id), (None, None));
    let refused = verified(ACME, r#"{"kind":"k"}"#).unwrap_err();
    assert_eq!(refused.code(), "invalid_payload");
}

#[test]
fn a_malformed_declaration_names_its_field() {
    let cases = [
        (ACME.replace(r#""sha256","#, r#""md5","#), "credential.algorithm"),
        (ACME.replace(r#""hex""#, r#""base32""#), "credential.encoding"),
        (ACME.replace(r#""{t}.{body}""#, r#""{t}.{nope}""#), "credential.signed"),
        (ACME.replace(r#""id": "acme""#, r#""id": "Acme Inc""#), "declaration.id"),
        (ACME.replace(r#""{body.kind}""#, r#""{body.kind""#), "event.type"),
        (r#"{"id":"acme"}"#.to_owned(), "declaration.credential"),
        ("[]".to_owned(), "not a JSON object"),
    ];
    for (text, field) in cases {
        let invalid = Declaration::parse(&text).unwrap_err();
        assert!(invalid.to_string().contains(field), "{field}: {invalid}");
        let as_error: hookgate::Error = invalid.into();
        assert_eq!(as_error.code(), "invalid_declaration");
    }
}

#[test]
fn twilio_deliveries_the_signature_cannot_tell_apart_get_one_id_and_one_digest() {
    const TOKEN: &str = "twilio-auth-token";
    let event_of = |url: &str, body: &str, signed_url: &str, signed_as: &str| {
        let signing = Signing { secret: Some(TOKEN), ..Default::default() };
        let signed = hookgate::sign_delivery("twilio", signed_as.as_bytes(), signed_url, &signing).unwrap();
        let headers: Vec<(&str, &str)> = signed.headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        let request = Request::new(&headers, body.as_bytes()).with_url(url);
        let event = hookgate::verify_at("twilio", &request, &Options::with_secret(TOKEN), 0).unwrap();
        (event.id.into_owned(), event.signed_digest)
    };
    let url = "https://h.test/webhooks/twilio?store=main";
    let signed = "MessageSid=SM1&MessageStatus=delivered&Body=a+b";
    let reference = event_of(url, signed, url, signed);
    assert!(reference.0.starts_with("sha256:") && reference.0.len() == 7 + 64, "{}", reference.0);
    assert_eq!(reference.1.as_deref(), Some(&reference.0[7..]));
    let same = [
        (url, "MessageSid=SM1&MessageStatus=delivered&Body=a%20b"),
        (url, "MessageSid=SM1&MessageStatus=delivered&Body=a+b&Body=a+b"),
        (url, "MessageSi=dSM1&MessageStatus=delivered&Body=a+b"),
        (url, "Body=a+b&MessageStatus=delivered&MessageSid=SM1"),
        ("https://h.test:443/webhooks/twilio?store=main", signed),
    ];
    for (received_url, body) in same {
        assert_eq!(event_of(received_url, body, url, signed), reference, "{received_url} {body}");
    }
    let other = event_of(url, "MessageSid=SM1&MessageStatus=failed", url, "MessageSid=SM1&MessageStatus=failed");
    assert_ne!(other.0, reference.0);
}
