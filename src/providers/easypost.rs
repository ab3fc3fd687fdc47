//! EasyPost: `X-Hmac-Signature: hmac-sha256-hex=<hex>`, HMAC-SHA256 keyed with the webhook secret, over
//! the body with every integer `"weight": N` written `N.0` (EasyPost signs weights as floats; its SDK's
//! `validateWebhook` verifies the same way). EasyPost NFKD-normalizes the secret first: the JS package
//! does too; a Rust caller gives a secret with non-ASCII characters NFKD-normalized. Payload: an `Event`.

use super::{Delivery, Mapped, Provider};
use crate::scheme::{Algorithm, Credential, Encoding, KeyFormat, SignatureScheme, SignedString};
use crate::{time, Error, Status, Subject};

const SIGNATURE: SignatureScheme<'static> = SignatureScheme {
    key: KeyFormat::Nfkd,
    ..SignatureScheme::in_one_header(
        &["X-Hmac-Signature"],
        Algorithm::Sha256,
        Encoding::Hex,
        "hmac-sha256-hex=",
        SignedString::BodyFloatWeights,
    )
};

pub const PROVIDER: Provider = Provider {
    id: "easypost",
    credentials: &[Credential::Signature(SIGNATURE)],
    detect_keys: &[],
    form_bodies: false,
    map,
    #[cfg(feature = "explain")]
    about: super::About {
        name: "EasyPost",
        docs_url: Some("https://docs.easypost.com/guides/webhooks-guide"),
        secret_format: "the webhook's `webhook_secret` (NFKD-normalized if it has non-ASCII characters)",
        events: "type and sourceType `description` (`tracker.updated`); id `id` (`evt_…`); subject `result` (`object`, `id`, reference `tracking_code`), status `result.status` (previous from `previous_attributes.status`); occurredAt `created_at`; `test` when `mode` is `test`",
    },
};

fn map<'a>(delivery: &Delivery<'a, '_>) -> Result<Mapped<'a>, Error> {
    let body = delivery.body;
    let description = body.required_str("description")?;
    let result = body.object("result")?;
    let (kind, id, reference, current) = match &result {
        Some(r) => (r.str("object")?, r.text("id")?, r.str("tracking_code")?, r.str("status")?),
        None => (None, None, None, None),
    };
    let previous = match body.object("previous_attributes")? {
        Some(previous) => previous.str("status")?,
        None => None,
    };
    Ok(Mapped {
        id: body.required_text("id")?,
        event_type: description.clone(),
        source_type: description,
        occurred_at: body.str("created_at")?.as_deref().and_then(time::normalize_rfc3339),
        subject: Subject { kind, id, reference },
        status: Status { previous, current },
        test: body.str("mode")?.as_deref() == Some("test"),
    })
}
