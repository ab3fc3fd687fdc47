//! returns.cloud: documents no signature, so a token configured by the user is accepted as a `token`
//! URL parameter or a bearer header. Payloads are minimal status changes:
//! `{event, oldStatus, newStatus, <entity>: {number, uuid, externalId}}`.

use super::{Delivery, Mapped, Provider};
use crate::scheme::Credential;
use crate::{Error, KeyKind, Status, Subject, UNKNOWN_TYPE};

pub const PROVIDER: Provider = Provider {
    id: "returns-cloud",
    credentials: &[
        Credential::UrlToken { param: "token", key: KeyKind::Token },
        Credential::Bearer(KeyKind::Token),
    ],
    detect_keys: &["event", "newStatus"],
    form_bodies: false,
    map,
    #[cfg(feature = "explain")]
    about: super::About {
        name: "returns.cloud",
        docs_url: None,
        secret_format: "a token you choose and put in the webhook URL (`?token=`) or an Authorization: Bearer header",
        events: "`return_order…` → `return.status_changed`, `return_order_parcel…` → `return_parcel.status_changed`, `sales_order…` → `order.status_changed`, `sales_order_parcel…` → `order_parcel.status_changed`, `payment_operation…` → `payment.status_changed`; id `<uuid>:<event>:<old>><new>`; subject the entity (`uuid`, reference `number`); status `oldStatus` → `newStatus`; occurredAt null (not sent)",
    },
};

/// Event name → (normalized type, subject kind, the payload key of the entity).
const EVENTS: &[(&str, &str, &str, &str)] = &[
    ("return_order.status.changed", "return.status_changed", "return", "returnOrder"),
    ("return_order_parcel.status.changed", "return_parcel.status_changed", "return_parcel", "returnOrderParcel"),
    ("sales_order.status.changed", "order.status_changed", "order", "salesOrder"),
    ("sales_order_parcel.status.changed", "order_parcel.status_changed", "order_parcel", "salesOrderParcel"),
    ("payment_operation.status.changed", "payment.status_changed", "payment", "paymentOperation"),
];

fn map<'a>(delivery: &Delivery<'a, '_>) -> Result<Mapped<'a>, Error> {
    let body = delivery.body;
    let event = body.required_str("event")?;
    let (previous, current) = (body.str("oldStatus")?, body.str("newStatus")?);
    let known = EVENTS.iter().find(|(name, ..)| *name == event);
    let entity = match known {
        Some((.., key)) => body.object(key)?,
        None => None,
    };
    let (uuid, number) = match &entity {
        Some(entity) => (entity.text("uuid")?, entity.text("number")?),
        None => (None, None),
    };
    // No event id or time is sent: the entity, the event and the transition identify a delivery.
    let id = format!(
        "{}:{event}:{}>{}",
        uuid.as_deref().or(number.as_deref()).unwrap_or_default(),
        previous.as_deref().unwrap_or_default(),
        current.as_deref().unwrap_or_default()
    );
    Ok(Mapped {
        id: id.into(),
        event_type: known.map_or(UNKNOWN_TYPE, |(_, normalized, ..)| normalized).into(),
        source_type: event,
        occurred_at: None,
        subject: Subject { kind: known.map(|(_, _, kind, _)| (*kind).into()), id: uuid, reference: number },
        status: Status { previous, current },
        test: false,
    })
}
