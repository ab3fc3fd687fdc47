//! Paddle Billing: `Paddle-Signature: ts=<unix>;h1=<hex HMAC-SHA256 of "ts:body">`, keyed with the
//! notification destination's secret (`pdl_ntfset_…`) as given. Paddle's SDK allows 5 s of clock
//! difference; hookgate holds it to the same tolerance as every provider (300 s by default).
//! Payload: `event_id`, `event_type`, `occurred_at`, `data`.

use super::{Delivery, Mapped, Provider};
use crate::scheme::{Algorithm, Credential, Encoding, HeaderFormat, KeyFormat, SignatureScheme, SignedString};
use crate::{time, Error, Status, Subject};

const SIGNATURE: SignatureScheme<'static> = SignatureScheme {
    header: &["Paddle-Signature"],
    timestamp_header: &[],
    id_header: &[],
    format: HeaderFormat::KeyValue { timestamp: "ts", signature: "h1", separator: ';' },
    algorithm: Algorithm::Sha256,
    encoding: Encoding::Hex,
    signed: SignedString::TimestampColonBody,
    key: KeyFormat::Utf8,
};

pub const PROVIDER: Provider = Provider {
    id: "paddle",
    credentials: &[Credential::Signature(SIGNATURE)],
    detect_keys: &[],
    form_bodies: false,
    map,
    #[cfg(feature = "explain")]
    about: super::About {
        name: "Paddle",
        docs_url: Some("https://developer.paddle.com/webhooks/signature-verification"),
        secret_format: "the notification destination's secret key (`pdl_ntfset_…`), used as given",
        events: "type and sourceType `event_type` (`adjustment.updated`); id `event_id`; subject `data` (kind from the type, `id`), status `data.status`; occurredAt `occurred_at`",
    },
};

fn map<'a>(delivery: &Delivery<'a, '_>) -> Result<Mapped<'a>, Error> {
    let body = delivery.body;
    let kind = body.required_str("event_type")?;
    let data = body.object("data")?;
    let (id, status) = match &data {
        Some(data) => (data.text("id")?, data.str("status")?),
        None => (None, None),
    };
    let subject_kind = kind.split_once('.').map(|(k, _)| std::borrow::Cow::Owned(k.to_owned()));
    Ok(Mapped {
        id: body.required_text("event_id")?,
        event_type: kind.clone(),
        source_type: kind,
        occurred_at: body.str("occurred_at")?.as_deref().and_then(time::normalize_rfc3339),
        subject: Subject { kind: subject_kind, id, reference: None },
        status: Status { previous: None, current: status },
        test: false,
    })
}
