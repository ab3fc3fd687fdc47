//! Properties of verification over generated inputs (proptest): what a sender signs verifies, any
//! single changed bit does not, arbitrary input never panics or verifies without the credential, no
//! error text holds a secret, and the event's `data` is the payload (minus Baback's secret).

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use hookgate::{verify_at, Error, Options, Request, Secret};
use proptest::prelude::*;
use serde_json::{json, Value};

mod support;

const NOW: i64 = 1_767_225_600;
const TOLERANCE: i64 = 300;

/// Arbitrary JSON values, a few levels deep.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        (-1.0e12f64..1.0e12).prop_map(|f| json!(f)),
        ".{0,20}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 0..5)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A body as senders write it: compact or pretty.
fn render(value: &Value, pretty: bool) -> String {
    if pretty {
        serde_json::to_string_pretty(value).unwrap()
    } else {
        value.to_string()
    }
}

/// Secrets: any non-empty text, several at once for rotation.
fn secrets() -> impl Strategy<Value = (Vec<String>, usize)> {
    prop::collection::vec(".{1,40}", 1..4).prop_flat_map(|list| {
        let len = list.len();
        (Just(list), 0..len)
    })
}

fn options(secrets: &[String]) -> Options {
    Options { secrets: secrets.iter().map(|s| Secret::new(s.as_str())).collect(), ..Options::default() }
}

/// No error's texts may hold a configured secret.
fn assert_no_secret(error: &Error, secrets: &[String]) {
    for text in [error.to_string(), format!("{error:?}")] {
        for secret in secrets {
            assert!(secret.len() < 4 || !text.contains(secret.as_str()), "{text} holds a secret");
        }
    }
}

fn reready_body(extra: &Value, pretty: bool) -> String {
    render(&json!({"device_return_id": "d1", "state": "complete", "extra": extra}), pretty)
}

fn flip(bytes: &mut [u8], bit: usize) {
    bytes[bit / 8 % bytes.len()] ^= 1 << (bit % 8);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn reready_accepts_what_it_signed_with_any_of_its_secrets(
        extra in json_value(), pretty in any::<bool>(), (keys, which) in secrets(), skew in -TOLERANCE..=TOLERANCE,
    ) {
        let body = reready_body(&extra, pretty);
        let header = support::reready_signature(body.as_bytes(), &keys[which], NOW + skew);
        let headers = [("X-ReReady-Signature-512", header.as_str())];
        let event = verify_at("reready", &Request::new(&headers, body.as_bytes()), &options(&keys), NOW).unwrap();
        let data: Value = serde_json::from_str(&event.data).unwrap();
        prop_assert_eq!(data, serde_json::from_str::<Value>(&body).unwrap());
    }

    #[test]
    fn standard_webhooks_accepts_what_it_signed_with_any_of_its_secrets(
        data in json_value(), key_bytes in prop::collection::vec(prop::collection::vec(any::<u8>(), 16..64), 1..4),
        which in 0usize..4, skew in -TOLERANCE..=TOLERANCE, id in "[a-zA-Z0-9_]{1,30}",
    ) {
        let keys: Vec<String> = key_bytes.iter().map(|k| format!("whsec_{}", BASE64.encode(k))).collect();
        let which = which % keys.len();
        let body = render(&json!({"type": "return.created", "data": data}), false);
        let signature = support::signed_headers("standard-webhooks", &keys[which], body.as_bytes(), NOW + skew, &id).swap_remove(0).1;
        let timestamp = (NOW + skew).to_string();
        let headers = [("webhook-id", id.as_str()), ("webhook-timestamp", timestamp.as_str()), ("webhook-signature", signature.as_str())];
        let event = verify_at("standard-webhooks", &Request::new(&headers, body.as_bytes()), &options(&keys), NOW).unwrap();
        prop_assert_eq!(event.id.as_ref(), id.as_str());
        prop_assert_eq!(serde_json::from_str::<Value>(&event.data).unwrap(), serde_json::from_str::<Value>(&body).unwrap());
    }

    #[test]
    fn token_schemes_accept_their_token_and_nothing_else(
        (keys, which) in prop::collection::vec("[!-~]{1,40}", 1..4).prop_flat_map(|l| { let n = l.len(); (Just(l), 0..n) }),
        guess in "[!-~]{1,40}", extra in json_value(),
    ) {
        let body = render(&json!({"type": "created", "at": "2026-01-01T00:00:00Z", "return": {"id": "r1"}, "extra": extra}), false);
        let bearer = format!("Bearer {}", keys[which]);
        let headers = [("Authorization", bearer.as_str())];
        prop_assert!(verify_at("redo", &Request::new(&headers, body.as_bytes()), &options(&keys), NOW).is_ok());
        if !keys.contains(&guess) {
            let wrong = format!("Bearer {guess}");
            let headers = [("Authorization", wrong.as_str())];
            let error = verify_at("redo", &Request::new(&headers, body.as_bytes()), &options(&keys), NOW).unwrap_err();
            prop_assert_eq!(error.code(), "signature_mismatch");
            assert_no_secret(&error, &keys);
        }
        // returns.cloud: the same tokens in the URL, percent-encoded as a sender would.
        let encoded: String = form_urlencoded::byte_serialize(keys[which].as_bytes()).collect();
        let url = format!("https://edge.test/webhooks/returns-cloud?token={encoded}");
        let rc_body = r#"{"event":"return_order.status.changed","oldStatus":"a","newStatus":"b"}"#;
        let token_options = Options { tokens: keys.iter().map(|k| Secret::new(k.as_str())).collect(), ..Options::default() };
        prop_assert!(verify_at("returns-cloud", &Request::new(&[], rc_body.as_bytes()).with_url(&url), &token_options, NOW).is_ok());
    }

    #[test]
    fn baback_accepts_its_body_secret_and_the_event_keeps_everything_but_it(
        secret in "[a-zA-Z0-9_-]{8,40}", extra in json_value(),
    ) {
        let payload = json!({"data": {"action": "returnRequest:returnRequest:create", "secret": secret,
            "returnRequest": {"id": "r1", "orderName": "#1", "extra": extra}}});
        let body = payload.to_string();
        prop_assume!(body.matches(secret.as_str()).count() == 1); // the generated extra could hold it too
        let event = verify_at("baback", &Request::new(&[], body.as_bytes()), &options(std::slice::from_ref(&secret)), NOW).unwrap();
        let mut expected = payload.clone();
        expected["data"].as_object_mut().unwrap().remove("secret");
        // Both sides parsed from text, so floats round the same way.
        prop_assert_eq!(serde_json::from_str::<Value>(&event.data).unwrap(), serde_json::from_str::<Value>(&expected.to_string()).unwrap());
        prop_assert!(!event.to_json().contains(secret.as_str()));
    }

    #[test]
    fn any_single_flipped_bit_rejects_a_reready_delivery(
        extra in json_value(), secret in ".{1,30}", part in 0u8..4, bit in any::<usize>(),
    ) {
        let body = reready_body(&extra, false);
        let timestamp = NOW.to_string();
        let signature = support::reready_signature(body.as_bytes(), &secret, NOW);
        let hex = signature.split_once(",v=").unwrap().1.to_owned();
        let (mut body, mut timestamp, mut hex, mut secret) = (body.into_bytes(), timestamp.into_bytes(), hex.into_bytes(), secret.into_bytes());
        match part {
            0 => flip(&mut body, bit),
            1 => flip(&mut timestamp, bit),
            2 => {
                flip(&mut hex, bit);
                let changed = hex[bit / 8 % hex.len()];
                // Hex is case-insensitive: a flip that only changes a letter's case is the same signature.
                prop_assume!(!(changed.is_ascii_alphabetic() && (changed ^ 0x20).is_ascii_hexdigit() && changed.is_ascii_hexdigit()));
            }
            _ => flip(&mut secret, bit),
        }
        let Ok(secret) = String::from_utf8(secret) else { return Ok(()) };
        let header = format!("t={},v={}", String::from_utf8_lossy(&timestamp), String::from_utf8_lossy(&hex));
        let headers = [("X-ReReady-Signature-512", header.as_str())];
        let error = verify_at("reready", &Request::new(&headers, &body), &options(std::slice::from_ref(&secret)), NOW).unwrap_err();
        prop_assert!(matches!(error.code(), "signature_mismatch" | "malformed_signature"), "{}", error.code());
    }

    #[test]
    fn arbitrary_headers_and_bodies_never_panic_nor_verify(
        provider in prop::sample::select(hookgate::providers::ids().collect::<Vec<_>>()),
        headers in prop::collection::vec(("[a-zA-Z-]{1,24}", ".{0,200}"), 0..8),
        signature_value in ".{0,300}", body in prop::collection::vec(any::<u8>(), 0..512), keys in prop::collection::vec(".{4,30}", 1..3),
    ) {
        let provider_info = hookgate::providers::find(provider).unwrap();
        let mut headers: Vec<(String, String)> = headers;
        // Put a made-up value under each of the provider's own credential headers too.
        for credential in &provider_info.credentials {
            if let hookgate::declaration::Credential::Hmac(hmac) = credential {
                for name in &hmac.headers {
                    headers.push((name.clone(), signature_value.clone()));
                }
            }
        }
        headers.push(("Authorization".into(), format!("Bearer {signature_value}")));
        let pairs: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        let options = Options { tokens: keys.iter().map(|k| Secret::new(k.as_str())).collect(), ..options(&keys) };
        match verify_at(provider, &Request::new(&pairs, &body).with_url("https://edge.test/hook?token=x"), &options, NOW) {
            Ok(_) => {
                // Only a body secret can be guessed by a generator: it must then really be in the body.
                let text = String::from_utf8_lossy(&body);
                prop_assert!(provider == "baback" && keys.iter().any(|k| text.contains(k.as_str())), "{provider} verified made-up input");
            }
            Err(error) => assert_no_secret(&error, &keys),
        }
    }
}
