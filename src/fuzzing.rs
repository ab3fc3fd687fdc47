//! Entry points shared by the fuzz targets (`fuzz/`) and the corpus replay test
//! (`tests/fuzz_corpus.rs`): each takes arbitrary bytes and panics only when an invariant breaks:
//! a made-up credential verified, an error text holding a secret, a Baback secret left in the event,
//! an event that is not valid JSON, or an object inside a body split otherwise than serde_json parses it.
#![doc(hidden)]

use std::rc::Rc;

use crate::declaration::{Credential, Declaration};
use crate::delivery::Delivery;
use crate::json::Object;
use crate::scheme::Verified;
use crate::{verify_at, verify_declared_at, Error, Options, Request, Secret};

const SECRET: &str = "fuzz-secret";
const WHSEC: &str = "whsec_ZnV6ei1zZWNyZXQtMTYtYnl0ZXM=";
const TOKEN: &str = "fuzz-token";
const NOW: i64 = 1_767_225_600;
const BODY: &[u8] = br#"{"device_return_id":"d1","state":"complete","type":"x","id":"e1"}"#;

fn options() -> Options {
    Options {
        secrets: vec![Secret::new(SECRET), Secret::new(WHSEC)],
        tokens: vec![Secret::new(TOKEN)],
        hmac: Some(r#"{"header": "x-signature", "algorithm": "sha256", "encoding": "hex", "prefix": "sha256=", "signed": "body"}"#.into()),
        ..Options::default()
    }
}

/// No error text may carry a configured secret, in `Display` or `Debug`.
fn check_error(error: &Error) {
    for text in [error.to_string(), format!("{error:?}")] {
        for secret in [SECRET, WHSEC, TOKEN] {
            assert!(!text.contains(secret), "an error text holds a secret: {text}");
        }
    }
}

/// `X-ReReady-Signature-512` with arbitrary bytes: never verifies, never panics.
pub fn reready_header(data: &[u8]) {
    let Ok(header) = std::str::from_utf8(data) else { return };
    let headers = [("X-ReReady-Signature-512", header)];
    match verify_at("reready", &Request::new(&headers, BODY), &options(), NOW) {
        Ok(_) => panic!("a made-up ReReady signature verified: {header:?}"),
        Err(error) => check_error(&error),
    }
}

/// Standard Webhooks id, timestamp and signature list (three lines of the input): never verifies.
pub fn standard_webhooks_headers(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut lines = text.splitn(3, '\n');
    let (id, timestamp, signature) =
        (lines.next().unwrap_or(""), lines.next().unwrap_or(""), lines.next().unwrap_or(""));
    let headers = [("webhook-id", id), ("webhook-timestamp", timestamp), ("webhook-signature", signature)];
    match verify_at("standard-webhooks", &Request::new(&headers, BODY), &options(), NOW) {
        Ok(_) => panic!("a made-up Standard Webhooks signature verified"),
        Err(error) => check_error(&error),
    }
}

/// The provider a fuzz input names on its first line (by id, so adding a provider never points the
/// committed inputs at another one), and the rest of the input.
fn provider_line(data: &[u8]) -> Option<(Rc<Declaration>, &[u8])> {
    let newline = data.iter().position(|b| *b == b'\n')?;
    let id = std::str::from_utf8(&data[..newline]).ok()?;
    Some((crate::providers::find(id)?, &data[newline + 1..]))
}

/// A whole delivery for the provider named on the first line: `name: value` header lines, an optional
/// `?query` line, a blank line, then the body bytes. Token schemes can be passed (the fuzzer finds
/// `Bearer fuzz-token`), so the payload mappings run too.
pub fn verify_any_provider(data: &[u8]) {
    let Some((provider, rest)) = provider_line(data) else { return };
    let split = rest.windows(2).position(|w| w == b"\n\n").unwrap_or(rest.len());
    let (head, body) = (&rest[..split], rest.get(split + 2..).unwrap_or_default());
    let head = String::from_utf8_lossy(head);
    let mut url = None;
    let mut headers = Vec::new();
    for line in head.lines() {
        if let Some(query) = line.strip_prefix('?') {
            url = Some(format!("https://gateway.test/webhooks/{}?{query}", provider.id));
        } else if let Some((name, value)) = line.split_once(':') {
            headers.push((name, value.trim_start()));
        }
    }
    let mut request = Request::new(&headers, body);
    if let Some(url) = url.as_deref() {
        request = request.with_url(url);
    }
    match verify_declared_at(&provider, &request, &options(), NOW) {
        Ok(event) => {
            let json = event.to_json();
            assert!(
                serde_json::from_str::<&serde_json::value::RawValue>(&json).is_ok(),
                "the event is not JSON: {json}"
            );
            if provider.credentials.iter().any(|c| matches!(c, Credential::BodySecret { .. })) {
                assert!(!json.contains(SECRET), "a body secret reached the event: {json}");
            }
        }
        Err(error) => check_error(&error),
    }
}

/// A body straight into the mapping of the provider named on the first line (past authentication):
/// never panics, and whatever it maps is valid JSON once written. The objects inside it split as
/// serde_json parses them.
pub fn payload_mapping(data: &[u8]) {
    let Some((provider, body)) = provider_line(data) else { return };
    let Ok(body) = std::str::from_utf8(body) else { return };
    if let Ok(object) = Object::parse(body) {
        check_nested_objects(&object, 16);
    }
    let headers = [
        ("X-Shopify-Topic", "orders/create"),
        ("X-Shopify-Event-Id", "e1"),
        ("X-GitHub-Event", "push"),
        ("X-GitHub-Delivery", "d1"),
    ];
    let request = Request::new(&headers, body.as_bytes());
    let verified = Verified {
        credential: 0,
        key_index: 0,
        timestamp: Some(NOW),
        timestamp_text: Some(NOW.to_string().into()),
        message_id: Some("msg_1"),
        redacted_body: None,
        digest: Some("0".repeat(64)),
    };
    let delivery = Delivery::new(&request);
    if delivery.root().is_err() {
        return;
    }
    if let Ok(mapped) = crate::interpret::map_event(&provider, &delivery, &verified) {
        let mut json = String::new();
        for text in [&*mapped.id, &*mapped.event_type, &*mapped.source_type] {
            crate::json::push_string(&mut json, text);
        }
        assert!(!json.is_empty());
    }
}

/// A declaration given at run time, from arbitrary text: it is read or refused with the field named,
/// never a panic; one that reads verifies nothing made up.
pub fn declaration(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(declaration) = Declaration::parse(text) else { return };
    let headers = [("x-signature", "sha256=00"), ("authorization", "Bearer wrong")];
    if let Ok(event) = verify_declared_at(&declaration, &Request::new(&headers, BODY), &options(), NOW) {
        panic!("a made-up delivery verified for a declaration: {}", event.to_json());
    }
}

/// Each object member, split from its structure alone, has the members serde_json parses from it (or
/// the same error).
fn check_nested_objects(object: &Object<'_>, levels: usize) {
    for (_, raw) in object.members().iter().filter(|(_, raw)| raw.starts_with('{')) {
        let split = Object::of_member(raw, "".into());
        let parsed = Object::parse(raw);
        assert_eq!(members(&split), members(&parsed), "split otherwise than serde_json parses it: {raw}");
        if let (Ok(split), true) = (split, levels > 1) {
            check_nested_objects(&split, levels - 1);
        }
    }
}

fn members<'a>(object: &Result<Object<'a>, Error>) -> Result<Vec<(&'a str, &'a str)>, String> {
    object.as_ref().map(|object| object.members().to_vec()).map_err(ToString::to_string)
}
