//! A generic HMAC sender, configured at run time (`Options::hmac`: header, algorithm, encoding,
//! prefix, signed string, timestamp and id headers) for senders hookgate does not list. It fails closed
//! when any part of that configuration is missing. The payload can be any JSON object.

use sha2::{Digest, Sha256};

use super::{Delivery, Mapped, Provider};
use crate::scheme::Credential;
use crate::{time, Error, Status, Subject, UNKNOWN_TYPE};

pub const PROVIDER: Provider = Provider {
    id: "hmac",
    credentials: &[Credential::ConfiguredSignature],
    detect_keys: &[],
    form_bodies: false,
    map,
    #[cfg(feature = "explain")]
    about: super::About {
        name: "Generic HMAC",
        docs_url: None,
        secret_format: "the sender's signing secret, plus the `hmac` option describing its scheme",
        events: "type and sourceType the payload's `type` (or `event`); id the signed id header, else the payload's `id`, else the body's SHA-256; occurredAt the signed timestamp",
    },
};

fn map<'a>(delivery: &Delivery<'a, '_>) -> Result<Mapped<'a>, Error> {
    let body = delivery.body;
    let kind = match body.str("type")? {
        Some(kind) => Some(kind),
        None => body.str("event")?,
    };
    // The signed id when there is one, else the body's, else a digest of the body (identical
    // redeliveries share it).
    let id = match (delivery.verified.message_id, body.text("id")?) {
        (Some(id), _) => id.into(),
        (None, Some(id)) => id,
        (None, None) => hex::encode(Sha256::digest(delivery.text.as_bytes())).into(),
    };
    Ok(Mapped {
        id,
        event_type: kind.clone().unwrap_or(UNKNOWN_TYPE.into()),
        source_type: kind.unwrap_or(UNKNOWN_TYPE.into()),
        occurred_at: delivery.verified.timestamp.and_then(|t| time::format_utc(t, 0)),
        subject: Subject::default(),
        status: Status::default(),
        test: false,
    })
}
