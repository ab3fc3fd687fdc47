//! Standard Webhooks (standardwebhooks.com): `webhook-id`, `webhook-timestamp` and
//! `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">` with a `whsec_` base64 key.
//! Svix-based senders use the same scheme under `svix-*` header names. Payload `{type, timestamp, data}`.

use super::{Delivery, Mapped, Provider};
use crate::scheme::{Algorithm, Credential, Encoding, HeaderFormat, KeyFormat, SignatureScheme, SignedString};
use crate::{time, Error, Status, Subject};

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
    name: "Standard Webhooks",
    docs_url: Some("https://www.standardwebhooks.com/"),
    secret_format: "the endpoint's signing secret, `whsec_` followed by base64",
    credentials: &[Credential::Signature(SIGNATURE)],
    detect_keys: &[],
    events: "type and sourceType the payload's `type`; id `webhook-id`; subject.id `data.id`; occurredAt the payload's `timestamp`, else `webhook-timestamp`",
    map,
};

fn map<'a>(delivery: &Delivery<'a, '_>) -> Result<Mapped<'a>, Error> {
    let body = delivery.object()?;
    let kind = body.required_str("type")?;
    let message_id = delivery.verified.message_id.ok_or(Error::MissingSignature("webhook-id header".into()))?;
    let occurred_at = body
        .str("timestamp")?
        .as_deref()
        .and_then(time::normalize_rfc3339)
        .or_else(|| delivery.verified.timestamp.and_then(|t| time::format_utc(t, 0)));
    let subject_id = match body.raw("data") {
        Some(raw) if raw.starts_with('{') => body.required_object("data")?.text("id")?,
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
