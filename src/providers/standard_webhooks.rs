//! Standard Webhooks (standardwebhooks.com): `webhook-id`, `webhook-timestamp` and
//! `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">` with a `whsec_` base64 key.
//! Svix-based senders use the same scheme under `svix-*` header names. Payload: any JSON object,
//! usually `{type, timestamp, data}`.

use std::borrow::Cow;

use super::{Delivery, Mapped, Provider};
use crate::scheme::{Algorithm, Credential, Encoding, HeaderFormat, KeyFormat, SignatureScheme, SignedString};
use crate::{time, Error, Status, Subject, UNKNOWN_TYPE};

/// The Standard Webhooks signature scheme (also used by [`crate::sign_standard_webhooks`]).
pub const SIGNATURE: SignatureScheme = SignatureScheme {
    header: &["webhook-signature", "svix-signature"],
    timestamp_header: &["webhook-timestamp", "svix-timestamp"],
    id_header: &["webhook-id", "svix-id"],
    format: HeaderFormat::VersionedList { version: "v1" },
    algorithm: Algorithm::Sha256,
    encoding: Encoding::Base64,
    signed: SignedString::IdDotTimestampDotBody,
    key: KeyFormat::WhsecBase64,
};

pub const PROVIDER: Provider = Provider {
    id: "standard-webhooks",
    credentials: &[Credential::Signature(SIGNATURE)],
    detect_keys: &[],
    form_bodies: false,
    map,
    #[cfg(feature = "explain")]
    about: super::About {
        name: "Standard Webhooks",
        docs_url: Some("https://www.standardwebhooks.com/"),
        secret_format: "the endpoint's signing secret, `whsec_` followed by the base64 of at least 16 bytes",
        events: "any JSON object; type and sourceType the payload's `type` when it is a string, else `unknown`; id `webhook-id`; subject.id `data.id`; occurredAt the payload's `timestamp` (RFC 3339, or a number of seconds or milliseconds), else `webhook-timestamp`",
    },
};

/// The spec recommends `{type, timestamp, data}` but requires none of them, and senders differ (Clerk
/// sends `timestamp` as milliseconds, many send no `type`): every correctly signed object verifies.
fn map<'a>(delivery: &Delivery<'a, '_>) -> Result<Mapped<'a>, Error> {
    let body = delivery.body;
    let kind = body.str("type").ok().flatten().unwrap_or(Cow::Borrowed(UNKNOWN_TYPE));
    let message_id = delivery.verified.message_id.ok_or(Error::MissingSignature("webhook-id header".into()))?;
    let occurred_at = body
        .raw("timestamp")
        .and_then(payload_time)
        .or_else(|| delivery.verified.timestamp.and_then(|t| time::format_utc(t, 0)));
    let subject_id = match body.object("data") {
        Ok(Some(data)) => data.text("id").ok().flatten(),
        _ => None,
    };
    Ok(Mapped {
        id: message_id.into(),
        // The sender defines its own dotted types; they are kept as the normalized type too.
        event_type: kind.clone(),
        source_type: kind,
        occurred_at,
        subject: Subject { kind: None, id: subject_id, reference: None },
        status: Status::default(),
        test: false,
    })
}

/// The payload's `timestamp`: an RFC 3339 string, or a number of seconds or of milliseconds since the
/// epoch (told apart by magnitude: 10^11 seconds is the year 5138, 10^11 ms early 1973).
fn payload_time(raw: &str) -> Option<String> {
    if raw.starts_with('"') {
        return time::normalize_rfc3339(&crate::json::string(raw)?);
    }
    let whole = raw.split_once('.').map_or(raw, |(whole, _)| whole);
    let number = time::digits(whole.as_bytes())?;
    if number < 100_000_000_000 {
        time::format_utc(number, 0)
    } else {
        time::format_unix_millis(number)
    }
}

#[cfg(test)]
mod tests {
    // Compiled to wasm32 (scripts/test.sh), these run under wasm-bindgen-test-runner in Node.
    use super::payload_time;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn reads_the_payload_time_as_rfc_3339_seconds_or_milliseconds() {
        assert_eq!(payload_time(r#""2026-07-25T16:39:55+02:00""#).as_deref(), Some("2026-07-25T14:39:55Z"));
        assert_eq!(payload_time("1784999995").as_deref(), Some("2026-07-25T17:19:55Z"));
        assert_eq!(payload_time("1784999995000").as_deref(), Some("2026-07-25T17:19:55Z"));
        assert_eq!(payload_time("1784999995123").as_deref(), Some("2026-07-25T17:19:55.123Z"));
        assert_eq!(payload_time("1784999995.5").as_deref(), Some("2026-07-25T17:19:55Z"));
        for odd in ["-5", "1e9", r#""yesterday""#, "true", "null", "{}", "99999999999999999999999"] {
            assert_eq!(payload_time(odd), None, "{odd}");
        }
    }
}
