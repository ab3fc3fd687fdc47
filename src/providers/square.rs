//! Square: `x-square-hmacsha256-signature`, base64 HMAC-SHA256 of the notification URL followed by the
//! raw body, keyed with the subscription's signature key as given. The URL is the one Square called,
//! byte for byte: behind a proxy the receiver must be told it. The legacy SHA-1 header
//! (`x-square-signature`) is not accepted.

use std::borrow::Cow;

use super::{Delivery, Mapped, Provider};
use crate::scheme::{Algorithm, Credential, Encoding, SignatureScheme, SignedString};
use crate::{time, Error, Status, Subject};

const SIGNATURE: SignatureScheme<'static> = SignatureScheme::in_one_header(
    &["x-square-hmacsha256-signature"],
    Algorithm::Sha256,
    Encoding::Base64,
    "",
    SignedString::UrlBody,
);

pub const PROVIDER: Provider = Provider {
    id: "square",
    credentials: &[Credential::Signature(SIGNATURE)],
    detect_keys: &[],
    form_bodies: false,
    map,
    #[cfg(feature = "explain")]
    about: super::About {
        name: "Square",
        docs_url: Some("https://developer.squareup.com/docs/webhooks/step3validate"),
        secret_format: "the webhook subscription's Signature Key; the URL must be the subscription's notification URL exactly",
        events: "type and sourceType `type` (`refund.updated`); id `event_id`; subject `data` (`type`, `id`), status `data.object.<type>.status`; occurredAt `created_at`; `test` when `square-environment` is `Sandbox`",
    },
};

fn map<'a>(delivery: &Delivery<'a, '_>) -> Result<Mapped<'a>, Error> {
    let body = delivery.body;
    let kind = body.required_str("type")?;
    let data = body.object("data")?;
    let (subject_kind, subject_id, status) = match &data {
        Some(data) => {
            let subject_kind = data.str("type")?;
            // `data.object.refund.status`: the object is under its own type's name.
            let status = match (data.object("object")?, subject_kind.as_deref()) {
                (Some(object), Some(name)) => match object.object(name)? {
                    Some(inner) => inner.str("status")?.map(|s| Cow::Owned(s.into_owned())),
                    None => None,
                },
                _ => None,
            };
            (subject_kind, data.text("id")?, status)
        }
        None => (None, None, None),
    };
    let sandbox = delivery.request.header("square-environment").is_some_and(|e| e.eq_ignore_ascii_case("sandbox"));
    Ok(Mapped {
        id: body.required_text("event_id")?,
        event_type: kind.clone(),
        source_type: kind,
        occurred_at: body.str("created_at")?.as_deref().and_then(time::normalize_rfc3339),
        subject: Subject { kind: subject_kind, id: subject_id, reference: None },
        status: Status { previous: None, current: status },
        test: sandbox,
    })
}
