//! Hostile input, each case with its stated outcome (RELIABILITY.md has the table): sizes around the
//! limit and far past it, deep nesting, oversized and repeated headers, odd timestamps, bytes that are
//! not text. Nothing panics, nothing unverified passes.

use hookgate::{verify_at, Options, Request};

const NOW: i64 = 1_767_225_600;
const SECRET: &str = "ssk_hostile";

fn reready(headers: &[(&str, &str)], body: &[u8], options: &Options) -> Result<(), &'static str> {
    verify_at("reready", &Request::new(headers, body), options, NOW).map(|_| ()).map_err(|e| e.code())
}

mod support;

fn signed(body: &[u8]) -> String {
    support::reready_signature(body, SECRET, NOW)
}

/// A valid ReReady body padded to exactly `len` bytes.
fn body_of_len(len: usize) -> Vec<u8> {
    let head = br#"{"device_return_id":"d1","state":"complete","pad":""#;
    let mut body = head.to_vec();
    body.resize(len - 2, b'x');
    body.extend_from_slice(b"\"}");
    body
}

#[test]
fn bodies_just_below_at_and_above_the_limit() {
    let options = Options { max_body_bytes: 1024, ..Options::with_secret(SECRET) };
    for (len, expected) in [(1023, Ok(())), (1024, Ok(())), (1025, Err("payload_too_large"))] {
        let body = body_of_len(len);
        let header = signed(&body);
        assert_eq!(reready(&[("X-ReReady-Signature-512", &header)], &body, &options), expected, "{len} bytes");
    }
}

#[test]
fn a_100_mb_body_is_refused_before_any_hashing_or_parsing() {
    let body = vec![b'{'; 100 * 1024 * 1024];
    // The header is malformed too: answering payload_too_large shows the size was checked before the
    // credential was even parsed, let alone a byte hashed.
    assert_eq!(
        reready(&[("X-ReReady-Signature-512", "t=1,v=00")], &body, &Options::with_secret(SECRET)),
        Err("payload_too_large")
    );
}

#[test]
fn json_nested_100000_deep_is_refused_without_overflowing_the_stack() {
    for body in ["[".repeat(100_000), format!(r#"{{"device_return_id":"d1","state":"s","x":{}}}"#, "[".repeat(100_000))]
    {
        let header = signed(body.as_bytes());
        let outcome = reready(&[("X-ReReady-Signature-512", &header)], body.as_bytes(), &Options::with_secret(SECRET));
        assert!(matches!(outcome, Err("invalid_json" | "invalid_payload")), "{outcome:?}");
    }
    let baback = format!(
        r#"{{"data":{{"action":"a","secret":"{SECRET}","returnRequest":{{"id":"r","x":{}}}}}}}"#,
        "[".repeat(100_000)
    );
    let outcome =
        verify_at("baback", &Request::new(&[], baback.as_bytes()), &Options::with_secret(SECRET), NOW).map(|_| ());
    assert!(matches!(outcome.map_err(|e| e.code()), Err("invalid_json" | "invalid_payload")));
}

#[test]
fn a_signature_header_with_10000_entries_is_checked_entry_by_entry() {
    let secret = "whsec_aGVsbG8gd29ybGQsIHNpeHRlZW4=";
    let body = br#"{"type":"t"}"#;
    let good = support::signed_headers("standard-webhooks", secret, body, NOW, "m").swap_remove(0).1;
    // 10,000 well-formed signatures of the right length (32 zero bytes), none of them right.
    let junk = format!("v1,{}= ", "A".repeat(43)).repeat(10_000);
    let timestamp = NOW.to_string();
    for (header, expected) in [(format!("{junk}{good}"), Ok(())), (junk.clone(), Err("signature_mismatch"))] {
        let headers =
            [("webhook-id", "m"), ("webhook-timestamp", timestamp.as_str()), ("webhook-signature", header.as_str())];
        let outcome = verify_at("standard-webhooks", &Request::new(&headers, body), &Options::with_secret(secret), NOW);
        assert_eq!(outcome.map(|_| ()).map_err(|e| e.code()), expected);
    }
}

#[test]
fn a_1_mb_header_value_is_malformed() {
    let huge = format!("t={NOW},v={}", "z".repeat(1024 * 1024));
    assert_eq!(
        reready(&[("X-ReReady-Signature-512", &huge)], b"{}", &Options::with_secret(SECRET)),
        Err("malformed_signature")
    );
}

#[test]
fn odd_timestamps_are_malformed_never_a_panic() {
    let digits_400 = "9".repeat(400);
    for t in [digits_400.as_str(), "-1767225600", "9223372036854775808", "18446744073709551616", "1e9", "0x10", " "] {
        let header = format!("t={t},v={}", "0".repeat(128));
        assert_eq!(
            reready(&[("X-ReReady-Signature-512", &header)], b"{}", &Options::with_secret(SECRET)),
            Err("malformed_signature"),
            "t={t}"
        );
    }
}

#[test]
fn non_ascii_header_values_compare_byte_for_byte() {
    let body = br#"{"type":"created","at":"2026-01-01T00:00:00Z","return":{"id":"r1"}}"#;
    let redo = |header: &str, secret: &str| {
        verify_at("redo", &Request::new(&[("Authorization", header)], body), &Options::with_secret(secret), NOW)
            .map(|_| ())
            .map_err(|e| e.code())
    };
    assert_eq!(redo("Bearer sécret-ü", "sécret-ü"), Ok(()));
    assert_eq!(redo("Bearer sécret-ü", "secret-u"), Err("signature_mismatch"));
    assert_eq!(
        reready(&[("X-ReReady-Signature-512", "t=1767225600,v=ééé")], b"{}", &Options::with_secret(SECRET)),
        Err("malformed_signature")
    );
}

#[test]
fn the_same_header_twice() {
    let body = body_of_len(100);
    let header = signed(&body);
    let options = Options::with_secret(SECRET);
    assert_eq!(
        reready(&[("X-ReReady-Signature-512", &header), ("x-reready-signature-512", &header)], &body, &options),
        Ok(())
    );
    let other = support::reready_signature(&body, "other", NOW);
    assert_eq!(
        reready(&[("X-ReReady-Signature-512", &other), ("X-ReReady-Signature-512", &header)], &body, &options),
        Err("malformed_signature")
    );
}

#[test]
fn bodies_that_are_not_json_text() {
    let options = Options::with_secret(SECRET);
    let cases: [(&[u8], &str); 4] = [
        (b"{\"device_return_id\":\"d1\",\"state\":\"\xff\xfe\"}", "invalid_json"), // not UTF-8
        (b"{\"device_return_id\":\"d1\",\"state\":\"a\x00b\"}", "invalid_json"),   // a raw NUL in a string
        (b"\xef\xbb\xbf{\"device_return_id\":\"d1\",\"state\":\"s\"}", "invalid_json"), // a BOM, as JSON.parse also refuses
        (b"\x00", "invalid_json"),
    ];
    for (body, expected) in cases {
        let header = signed(body);
        assert_eq!(reready(&[("X-ReReady-Signature-512", &header)], body, &options), Err(expected), "{body:?}");
        // Signed with another secret, the same bytes are refused for the signature first.
        let forged = support::reready_signature(body, "other", NOW);
        assert_eq!(reready(&[("X-ReReady-Signature-512", &forged)], body, &options), Err("signature_mismatch"));
    }
    assert_eq!(reready(&[("X-ReReady-Signature-512", "t=1,\0v=00")], b"{}", &options), Err("malformed_signature"));
    // Baback reads its secret from the body, so a body that is not UTF-8 fails there, at the bad byte.
    let baback =
        verify_at("baback", &Request::new(&[], b"{\"data\":\n {\"a\": \"\xff\"}}"), &options, NOW).unwrap_err();
    assert_eq!(baback, hookgate::Error::InvalidJson { line: 2, column: 9 });
}

#[test]
fn baback_never_forwards_its_secret_in_any_spelling() {
    let options = Options::with_secret("topsecret");
    let cases = [
        (
            r#"{"data":{"action":"a","secret":"topsecret","returnRequest":{"id":"r","note":"\u0074opsecret"}}}"#,
            Err("invalid_payload"),
        ),
        (r#"{"data":{"action":"a","\u0073ecret":"topsecret","returnRequest":{"id":"r"}}}"#, Ok(())),
        (r#"{"data":{"action":"a","secret":"guess","secret":"topsecret","returnRequest":{"id":"r"}}}"#, Ok(())),
        (r#"{"data":{"action":"a","secret":["topsecret"],"returnRequest":{"id":"r"}}}"#, Err("malformed_signature")),
    ];
    for (body, expected) in cases {
        let outcome = verify_at("baback", &Request::new(&[], body.as_bytes()), &options, NOW);
        if let Ok(event) = &outcome {
            assert!(!event.to_json().contains("topsecret"), "{body}");
        }
        assert_eq!(outcome.map(|_| ()).map_err(|e| e.code()), expected, "{body}");
    }
}

#[test]
fn a_form_of_a_hundred_thousand_fields_is_signed_checked_and_read() {
    // Twilio's signed string sorts the form's fields before the signature is checked, so the sort must
    // not be quadratic: with an insertion sort this test took 50 s (debug build), with a set 0.8 s.
    let url = "https://hooks.example.com/webhooks/twilio";
    let body: String = (0..100_000).map(|i| format!("f{i:06}=v&")).collect();
    let signing = hookgate::Signing { secret: Some("twilio-token"), ..Default::default() };
    let signed = hookgate::sign_delivery("twilio", body.as_bytes(), url, &signing).unwrap();
    let headers: Vec<(&str, &str)> = signed.headers.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let request = Request::new(&headers, body.as_bytes()).with_url(url);
    let event = verify_at("twilio", &request, &Options::with_secret("twilio-token"), NOW).unwrap();
    assert!(event.data.contains("\"f099999\":\"v\""));
    let forged = [("X-Twilio-Signature", "AAAAAAAAAAAAAAAAAAAAAAAAAAA=")];
    let forged =
        verify_at("twilio", &Request::new(&forged, body.as_bytes()).with_url(url), &Options::with_secret("t"), NOW);
    assert_eq!(forged.unwrap_err().code(), "signature_mismatch");
}

#[test]
fn an_event_id_longer_than_512_bytes_is_refused_and_says_the_limit() {
    for (len, expected) in [(512, Ok(())), (513, Err("invalid_payload")), (40_000, Err("invalid_payload"))] {
        // ReReady's id is `<device_return_id>:<state>`: 9 bytes besides the device return id.
        let body = format!(r#"{{"device_return_id":"{}","state":"complete"}}"#, "d".repeat(len - 9));
        let header = signed(body.as_bytes());
        let headers = [("X-ReReady-Signature-512", header.as_str())];
        let outcome =
            verify_at("reready", &Request::new(&headers, body.as_bytes()), &Options::with_secret(SECRET), NOW);
        assert_eq!(outcome.as_ref().map(|_| ()).map_err(|e| e.code()), expected, "{len} bytes");
        if let Err(error) = outcome {
            assert!(error.to_string().contains("512 bytes"), "{error}");
        }
    }
}
