//! returns.cloud: documents no signature, so a token configured by the user is accepted as a `token`
//! URL parameter or a bearer header. Payloads are minimal status changes:
//! `{event, oldStatus, newStatus, <entity>: {number, uuid, externalId}}`.

use std::borrow::Cow;

use serde::Deserialize;

use super::{Delivery, Mapped, Provider};
use crate::payload::{parse, text, Text};
use crate::scheme::Credential;
use crate::{Error, KeyKind, Status, Subject, UNKNOWN_TYPE};

pub const PROVIDER: Provider = Provider {
    id: "returns-cloud",
    name: "returns.cloud",
    credentials: &[
        Credential::UrlToken { param: "token", key: KeyKind::Token },
        Credential::Bearer(KeyKind::Token),
    ],
    map,
};

#[derive(Deserialize)]
struct Payload<'a> {
    #[serde(borrow)]
    event: Cow<'a, str>,
    #[serde(rename = "oldStatus", borrow)]
    old_status: Option<Cow<'a, str>>,
    #[serde(rename = "newStatus", borrow)]
    new_status: Option<Cow<'a, str>>,
    #[serde(rename = "returnOrder", borrow)]
    return_order: Option<Entity<'a>>,
    #[serde(rename = "returnOrderParcel", borrow)]
    return_order_parcel: Option<Entity<'a>>,
    #[serde(rename = "salesOrder", borrow)]
    sales_order: Option<Entity<'a>>,
    #[serde(rename = "salesOrderParcel", borrow)]
    sales_order_parcel: Option<Entity<'a>>,
    #[serde(rename = "paymentOperation", borrow)]
    payment_operation: Option<Entity<'a>>,
}

#[derive(Deserialize)]
struct Entity<'a> {
    #[serde(borrow)]
    uuid: Option<Text<'a>>,
    #[serde(borrow)]
    number: Option<Text<'a>>,
}

fn map<'a>(delivery: &Delivery<'a, '_>) -> Result<Mapped<'a>, Error> {
    let p: Payload = parse(delivery.body, "a returns.cloud event has an `event` name")?;
    let (event_type, kind, entity) = match p.event.as_ref() {
        "return_order.status.changed" => ("return.status_changed", "return", p.return_order),
        "return_order_parcel.status.changed" => ("return_parcel.status_changed", "return_parcel", p.return_order_parcel),
        "sales_order.status.changed" => ("order.status_changed", "order", p.sales_order),
        "sales_order_parcel.status.changed" => ("order_parcel.status_changed", "order_parcel", p.sales_order_parcel),
        "payment_operation.status.changed" => ("payment.status_changed", "payment", p.payment_operation),
        _ => (UNKNOWN_TYPE, "unknown", None),
    };
    let (uuid, number) = entity.map_or((None, None), |e| (text(e.uuid), text(e.number)));
    // No event id or time is sent: the entity, the event and the transition identify a delivery.
    let id = format!(
        "{}:{}:{}>{}",
        uuid.as_deref().or(number.as_deref()).unwrap_or_default(),
        p.event,
        p.old_status.as_deref().unwrap_or_default(),
        p.new_status.as_deref().unwrap_or_default()
    );
    Ok(Mapped {
        id: id.into(),
        event_type: event_type.into(),
        source_type: p.event,
        occurred_at: None,
        subject: Subject { kind: (kind != "unknown").then_some(kind), id: uuid, reference: number },
        status: Status { previous: p.old_status, current: p.new_status },
        test: false,
    })
}
