//! Standard Webhooks (standardwebhooks.com): `webhook-id`, `webhook-timestamp` and
//! `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">` with a `whsec_` base64 key.
//! Svix-based senders use the same scheme under `svix-*` header names. Payload `{type, timestamp, data}`.

use std::borrow::Cow;

use serde::Deserialize;

use super::{Delivery, Mapped, Provider};
use crate::payload::{parse, text, Text};
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
    credentials: &[Credential::Signature(SIGNATURE)],
    map,
};

#[derive(Deserialize)]
struct Payload<'a> {
    #[serde(rename = "type", borrow)]
    kind: Cow<'a, str>,
    #[serde(borrow)]
    timestamp: Option<Cow<'a, str>>,
    #[serde(borrow)]
    data: Option<Data<'a>>,
}

#[derive(Deserialize)]
struct Data<'a> {
    #[serde(borrow)]
    id: Option<Text<'a>>,
}

fn map<'a>(delivery: &Delivery<'a, '_>) -> Result<Mapped<'a>, Error> {
    let p: Payload = parse(delivery.body, "a Standard Webhooks payload has a `type`")?;
    let message_id = delivery.verified.message_id.ok_or(Error::MissingSignature("webhook-id header".into()))?;
    let occurred_at = p
        .timestamp
        .as_deref()
        .and_then(time::normalize_rfc3339)
        .or_else(|| delivery.verified.timestamp.and_then(|t| time::format_utc(t, 0)));
    Ok(Mapped {
        id: message_id.into(),
        // The sender defines its own dotted types; they are kept as the normalized type too.
        event_type: p.kind.clone(),
        source_type: p.kind,
        occurred_at,
        subject: Subject { kind: None, id: text(p.data.and_then(|d| d.id)), reference: None },
        status: Status::default(),
        test: false,
    })
}
