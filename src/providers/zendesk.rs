//! Zendesk: `X-Zendesk-Webhook-Signature`, base64 HMAC-SHA256 of the `X-Zendesk-Webhook-Signature-Timestamp`
//! value (RFC 3339, as sent) followed by the raw body, keyed with the webhook's signing secret as a string
//! (never base64-decoded). Zendesk documents no time window; hookgate applies its tolerance (300 s by
//! default). Event-subscription payloads carry `type`, `id`, `time`, `subject`, `detail`, `event`;
//! trigger payloads are whatever the trigger writes (their id is a digest of the body).

use std::borrow::Cow;

use super::{digest_id, Delivery, Mapped, Provider};
use crate::scheme::{Algorithm, Credential, Encoding, HeaderFormat, KeyFormat, SignatureScheme, SignedString};
use crate::{time, Error, Status, Subject, UNKNOWN_TYPE};

const SIGNATURE: SignatureScheme<'static> = SignatureScheme {
    header: &["X-Zendesk-Webhook-Signature"],
    timestamp_header: &["X-Zendesk-Webhook-Signature-Timestamp"],
    id_header: &[],
    format: HeaderFormat::Prefixed { prefix: "" },
    algorithm: Algorithm::Sha256,
    encoding: Encoding::Base64,
    signed: SignedString::TimestampBody,
    key: KeyFormat::Utf8,
};

pub const PROVIDER: Provider = Provider {
    id: "zendesk",
    credentials: &[Credential::Signature(SIGNATURE)],
    detect_keys: &[],
    form_bodies: false,
    map,
    #[cfg(feature = "explain")]
    about: super::About {
        name: "Zendesk",
        docs_url: Some("https://developer.zendesk.com/documentation/webhooks/verifying/"),
        secret_format: "the webhook's signing secret (Admin Center → Webhooks → the webhook → Reveal secret), used as a string",
        events: "type the event `type` without `zen:event-type:` (`ticket.status_changed`), sourceType `type`, else `unknown`; id `id`, else `sha256:` + a digest of the body; subject from `subject` (`zen:ticket:12`); status `event.previous` → `event.current`; occurredAt `time`",
    },
};

fn map<'a>(delivery: &Delivery<'a, '_>) -> Result<Mapped<'a>, Error> {
    let body = delivery.body;
    let source: Cow<'a, str> = body.str("type")?.unwrap_or(Cow::Borrowed(UNKNOWN_TYPE));
    let event_type: Cow<'a, str> = match source.strip_prefix("zen:event-type:") {
        Some(short) => Cow::Owned(short.to_owned()),
        None => source.clone(),
    };
    // `zen:ticket:12` → a ticket, id 12.
    let subject = body.str("subject")?;
    let (kind, id) = match subject.as_deref().and_then(|s| s.strip_prefix("zen:")).and_then(|s| s.split_once(':')) {
        Some((kind, id)) => (Some(Cow::Owned(kind.to_owned())), Some(Cow::Owned(id.to_owned()))),
        None => (None, None),
    };
    let (previous, current) = match body.object("event")? {
        Some(event) => (event.str("previous")?, event.str("current")?),
        None => (None, None),
    };
    Ok(Mapped {
        id: match body.text("id")? {
            Some(id) => id,
            None => digest_id("zendesk", delivery),
        },
        event_type,
        source_type: source,
        occurred_at: body.str("time")?.as_deref().and_then(time::normalize_rfc3339),
        subject: Subject { kind, id, reference: None },
        status: Status { previous, current },
        test: false,
    })
}
