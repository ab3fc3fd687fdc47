//! Sendcloud: `Sendcloud-Signature`, hex HMAC-SHA256 of the raw body, keyed with the integration's
//! secret key. The body's `action` names the event (`parcel_status_changed`); there is no event id, so
//! it is a digest of the body.

use std::borrow::Cow;

use super::{digest_id, Delivery, Mapped, Provider};
use crate::scheme::{Algorithm, Credential, Encoding, SignatureScheme};
use crate::{time, Error, Status, Subject};

const SIGNATURE: SignatureScheme<'static> =
    SignatureScheme::over_body(&["Sendcloud-Signature"], Algorithm::Sha256, Encoding::Hex, "");

pub const PROVIDER: Provider = Provider {
    id: "sendcloud",
    credentials: &[Credential::Signature(SIGNATURE)],
    detect_keys: &[],
    form_bodies: false,
    map,
    #[cfg(feature = "explain")]
    about: super::About {
        name: "Sendcloud",
        docs_url: Some("https://sendcloud.dev/api/v2/webhooks"),
        secret_format: "the integration's Secret Key (API integrations) or Webhook Signature Key (shop integrations)",
        events: "type and sourceType `action`; id `sha256:` + a digest of the body (Sendcloud sends no event id); subject the `parcel` (`id`, reference `tracking_number`), status `parcel.status.message`; occurredAt `timestamp` (ms)",
    },
};

fn map<'a>(delivery: &Delivery<'a, '_>) -> Result<Mapped<'a>, Error> {
    let body = delivery.body;
    let action = body.required_str("action")?;
    let parcel = body.object("parcel")?;
    let (id, reference, status) = match &parcel {
        Some(parcel) => {
            let status = match parcel.object("status")? {
                Some(status) => status.str("message")?,
                None => None,
            };
            (parcel.text("id")?, parcel.str("tracking_number")?, status)
        }
        None => (None, None, None),
    };
    Ok(Mapped {
        id: digest_id("sendcloud", delivery),
        event_type: action.clone(),
        source_type: action,
        occurred_at: body.text("timestamp")?.as_deref().and_then(time::integer).and_then(time::format_unix_millis),
        subject: Subject { kind: parcel.as_ref().map(|_| Cow::Borrowed("parcel")), id, reference },
        status: Status { previous: None, current: status },
        test: false,
    })
}
