//! Stripe: `Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">[,v1=…]` (other schemes such
//! as `v0` are ignored), keyed with the whole `whsec_…` string as given. Payload: an Event object.

use super::{Delivery, Mapped, Provider};
use crate::scheme::{Algorithm, Credential, Encoding, HeaderFormat, KeyFormat, SignatureScheme, SignedString};
use crate::{time, Error, Status, Subject};

const SIGNATURE: SignatureScheme<'static> = SignatureScheme {
    header: &["Stripe-Signature"],
    timestamp_header: &[],
    id_header: &[],
    format: HeaderFormat::KeyValue { timestamp: "t", signature: "v1", separator: ',' },
    algorithm: Algorithm::Sha256,
    encoding: Encoding::Hex,
    signed: SignedString::TimestampDotBody,
    key: KeyFormat::Utf8,
};

pub const PROVIDER: Provider = Provider {
    id: "stripe",
    credentials: &[Credential::Signature(SIGNATURE)],
    detect_keys: &[],
    form_bodies: false,
    map,
    #[cfg(feature = "explain")]
    about: super::About {
        name: "Stripe",
        docs_url: Some("https://docs.stripe.com/webhooks"),
        secret_format: "the endpoint's signing secret, `whsec_…`, used as given",
        events: "type and sourceType the event `type`; id the event `id`; subject `data.object` (its `object` and `id`); occurredAt `created`; `test` is `!livemode`",
    },
};

fn map<'a>(delivery: &Delivery<'a, '_>) -> Result<Mapped<'a>, Error> {
    let body = delivery.body;
    let kind = body.required_str("type")?;
    let object = match body.object("data")? {
        Some(data) => data.object("object")?,
        None => None,
    };
    let (subject_kind, subject_id) = match &object {
        Some(object) => (object.str("object")?, object.text("id")?),
        None => (None, None),
    };
    Ok(Mapped {
        id: body.required_text("id")?,
        // Stripe's dotted types (`charge.refunded`) are kept as the normalized type too.
        event_type: kind.clone(),
        source_type: kind,
        occurred_at: body.text("created")?.as_deref().and_then(time::integer).and_then(|t| time::format_utc(t, 0)),
        subject: Subject { kind: subject_kind, id: subject_id, reference: None },
        status: Status::default(),
        test: body.bool("livemode")? == Some(false),
    })
}
