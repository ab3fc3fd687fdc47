//! Shopify: `X-Shopify-Hmac-Sha256` (or un-prefixed `shopify-hmac-sha256`), base64 HMAC-SHA256 of the
//! raw body. What happened is in headers: `X-Shopify-Topic` (`orders/create`, `returns/approve`…),
//! `X-Shopify-Event-Id` (else `X-Shopify-Webhook-Id`) and `X-Shopify-Triggered-At`.

use std::borrow::Cow;

use super::{Delivery, Mapped, Provider};
use crate::scheme::{Algorithm, Credential, Encoding, SignatureScheme};
use crate::{time, Error, Request, Status, Subject, UNKNOWN_TYPE};

const SIGNATURE: SignatureScheme<'static> = SignatureScheme::over_body(
    &["X-Shopify-Hmac-Sha256", "shopify-hmac-sha256"],
    Algorithm::Sha256,
    Encoding::Base64,
    "",
);

pub const PROVIDER: Provider = Provider {
    id: "shopify",
    credentials: &[Credential::Signature(SIGNATURE)],
    detect_keys: &[],
    form_bodies: false,
    map,
    #[cfg(feature = "explain")]
    about: super::About {
        name: "Shopify",
        docs_url: Some("https://shopify.dev/docs/apps/build/webhooks/subscribe/https"),
        secret_format: "the app's client secret (or the store's webhook signing secret)",
        events: "`orders/<verb>` → `order.<past tense>`, `returns/<verb>` → `return.<past tense>`, other topics `unknown`; sourceType `X-Shopify-Topic`; id `X-Shopify-Event-Id` (else `X-Shopify-Webhook-Id`); subject `id`, reference `name`; occurredAt `X-Shopify-Triggered-At`; `test` from the payload",
    },
};

/// A Shopify header under either of its names.
fn header<'a>(request: &Request<'a>, name: &str) -> Option<&'a str> {
    request.header(&format!("x-shopify-{name}")).or_else(|| request.header(&format!("shopify-{name}")))
}

/// `orders/create` → `order.created`, `returns/approve` → `return.approved`; other topics are unknown.
fn normalized(topic: &str) -> Cow<'static, str> {
    let Some((resource, verb)) = topic.split_once('/') else { return UNKNOWN_TYPE.into() };
    let subject = match resource {
        "orders" => "order",
        "returns" => "return",
        _ => return UNKNOWN_TYPE.into(),
    };
    let done = match verb {
        "create" => "created",
        "update" | "updated" => "updated",
        "delete" => "deleted",
        "cancel" | "cancelled" => "cancelled",
        "approve" => "approved",
        "decline" => "declined",
        "request" => "requested",
        "close" => "closed",
        "reopen" => "reopened",
        "process" => "processed",
        verb if verb.ends_with("ed") => verb,
        _ => return UNKNOWN_TYPE.into(),
    };
    format!("{subject}.{done}").into()
}

fn map<'a>(delivery: &Delivery<'a, '_>) -> Result<Mapped<'a>, Error> {
    let body = delivery.body;
    let topic = header(delivery.request, "topic").ok_or(Error::InvalidPayload("no X-Shopify-Topic header".into()))?;
    let id = header(delivery.request, "event-id")
        .or_else(|| header(delivery.request, "webhook-id"))
        .ok_or(Error::InvalidPayload("no X-Shopify-Event-Id or X-Shopify-Webhook-Id header".into()))?;
    let event_type = normalized(topic);
    let kind = event_type.split_once('.').map(|(kind, _)| Cow::Owned(kind.to_owned()));
    Ok(Mapped {
        id: id.into(),
        event_type,
        source_type: topic.into(),
        occurred_at: header(delivery.request, "triggered-at").and_then(time::normalize_rfc3339),
        subject: Subject { kind, id: body.text("id")?, reference: body.text("name")? },
        status: Status { previous: None, current: body.str("status")? },
        test: body.bool("test")?.unwrap_or(false),
    })
}
