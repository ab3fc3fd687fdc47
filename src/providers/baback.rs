//! Baback: the shared secret travels in the body as `data.secret` and is removed before forwarding;
//! payload `{data: {action, secret, returnRequest}}`.

use std::borrow::Cow;

use serde::Deserialize;

use super::{Delivery, Mapped, Provider};
use crate::payload::{parse, text, Text};
use crate::scheme::Credential;
use crate::{time, Error, Status, Subject, UNKNOWN_TYPE};

pub const PROVIDER: Provider = Provider {
    id: "baback",
    name: "Baback",
    credentials: &[Credential::BodySecret { path: &["data", "secret"] }],
    map,
};

#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(borrow)]
    data: Data<'a>,
}

#[derive(Deserialize)]
struct Data<'a> {
    #[serde(borrow)]
    action: Cow<'a, str>,
    #[serde(rename = "returnRequest", borrow)]
    return_request: ReturnRequest<'a>,
}

#[derive(Deserialize)]
struct ReturnRequest<'a> {
    #[serde(borrow)]
    id: Option<Text<'a>>,
    #[serde(rename = "_id", borrow)]
    object_id: Option<Text<'a>>,
    #[serde(rename = "orderName", borrow)]
    order_name: Option<Text<'a>>,
    #[serde(rename = "updatedAt")]
    updated_at: Option<f64>,
}

fn map<'a>(delivery: &Delivery<'a, '_>) -> Result<Mapped<'a>, Error> {
    let Envelope { data } = parse(delivery.body, "a Baback event has `data.action` and `data.returnRequest`")?;
    let event_type = match data.action.as_ref() {
        "returnRequest:returnRequest:create" => "return.created",
        "returnRequest:returnRequest:cancel" => "return.cancelled",
        "returnRequest:returnRequest:approve" => "return.approved",
        "returnRequest:returnRequest:update" => "return.updated",
        "returnRequest:merchant:approve" => "return.merchant_approved",
        "returnRequest:logistician:approve" => "return.logistician_approved",
        "returnRequest:discount:create" => "return.discount_created",
        _ => UNKNOWN_TYPE,
    };
    let request = data.return_request;
    let return_id = text(request.id.or(request.object_id))
        .ok_or(Error::InvalidPayload("the returnRequest has no `id`"))?;
    // Milliseconds since the epoch; a number outside i64 gives no date rather than a wrong one.
    let updated_at = request.updated_at.filter(|ms| ms.is_finite() && ms.abs() < 9.0e15).map(|ms| ms as i64);
    Ok(Mapped {
        id: format!("{return_id}:{}:{}", data.action, updated_at.unwrap_or_default()).into(),
        event_type: event_type.into(),
        source_type: data.action,
        occurred_at: updated_at.and_then(time::format_unix_millis),
        subject: Subject { kind: Some("return"), id: Some(return_id), reference: text(request.order_name) },
        status: Status::default(),
        test: false,
    })
}
