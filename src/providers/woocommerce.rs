//! WooCommerce: `X-WC-Webhook-Signature`, base64 HMAC-SHA256 of the raw body, keyed with the webhook's
//! secret. What happened is in headers (`X-WC-Webhook-Topic`: `order.updated`); the body is the REST
//! resource, so there is no event id: it is a digest of the body. The ping WooCommerce sends when a
//! webhook is created (`webhook_id=N`, a form, unsigned) never verifies here; the gateway answers it
//! (docs/gateway.md).

use std::borrow::Cow;

use super::{digest_id, Delivery, Mapped, Provider};
use crate::scheme::{Algorithm, Credential, Encoding, SignatureScheme};
use crate::{time, Error, Status, Subject};

const SIGNATURE: SignatureScheme<'static> =
    SignatureScheme::over_body(&["X-WC-Webhook-Signature"], Algorithm::Sha256, Encoding::Base64, "");

pub const PROVIDER: Provider = Provider {
    id: "woocommerce",
    credentials: &[Credential::Signature(SIGNATURE)],
    detect_keys: &[],
    form_bodies: false,
    map,
    #[cfg(feature = "explain")]
    about: super::About {
        name: "WooCommerce",
        docs_url: Some("https://woocommerce.github.io/woocommerce-rest-api-docs/#webhooks"),
        secret_format: "the webhook's secret, as entered in WooCommerce → Settings → Advanced → Webhooks",
        events: "type and sourceType `X-WC-Webhook-Topic` (`order.updated`); id `sha256:` + a digest of the body (WooCommerce sends no event id; its delivery id changes with each attempt); subject the resource (`X-WC-Webhook-Resource`, body `id`, reference `number`), status `status`; occurredAt `date_modified_gmt`",
    },
};

fn map<'a>(delivery: &Delivery<'a, '_>) -> Result<Mapped<'a>, Error> {
    let body = delivery.body;
    let request = delivery.request;
    let topic =
        request.header("X-WC-Webhook-Topic").ok_or(Error::InvalidPayload("no X-WC-Webhook-Topic header".into()))?;
    let resource = request.header("X-WC-Webhook-Resource").or_else(|| topic.split_once('.').map(|(r, _)| r));
    // WooCommerce writes UTC times without an offset: `2026-01-01T10:00:00`.
    let modified = body.str("date_modified_gmt")?.and_then(|t| time::normalize_rfc3339(&format!("{t}Z")));
    Ok(Mapped {
        id: digest_id("woocommerce", delivery),
        event_type: topic.into(),
        source_type: topic.into(),
        occurred_at: modified,
        subject: Subject { kind: resource.map(Cow::Borrowed), id: body.text("id")?, reference: body.text("number")? },
        status: Status { previous: None, current: body.str("status")? },
        test: false,
    })
}
