//! Redo: `Authorization: Bearer <subscriber secret>`; payload `{type, at, return, order}`.
//! Redo advises `return.id` + `at` as the idempotency key.

use std::borrow::Cow;

use serde::Deserialize;

use super::{Delivery, Mapped, Provider};
use crate::payload::{parse, Text};
use crate::scheme::Credential;
use crate::{time, Error, KeyKind, Status, Subject, UNKNOWN_TYPE};

pub const PROVIDER: Provider = Provider {
    id: "redo",
    name: "Redo",
    credentials: &[Credential::Bearer(KeyKind::Secret)],
    map,
};

#[derive(Deserialize)]
struct Payload<'a> {
    #[serde(rename = "type", borrow)]
    kind: Cow<'a, str>,
    #[serde(borrow)]
    at: Option<Cow<'a, str>>,
    #[serde(rename = "return", borrow)]
    ret: Return<'a>,
}

#[derive(Deserialize)]
struct Return<'a> {
    #[serde(borrow)]
    id: Text<'a>,
    #[serde(borrow)]
    status: Option<Cow<'a, str>>,
}

fn map<'a>(delivery: &Delivery<'a, '_>) -> Result<Mapped<'a>, Error> {
    let payload: Payload = parse(delivery.body, "a Redo event has a `type` and a `return` with an `id`")?;
    let event_type = match payload.kind.as_ref() {
        "created" => "return.created",
        "updated" => "return.updated",
        "backfill" => "return.backfill",
        _ => UNKNOWN_TYPE,
    };
    let return_id = payload.ret.id.into_cow();
    Ok(Mapped {
        id: format!("{return_id}-{}", payload.at.as_deref().unwrap_or_default()).into(),
        event_type: event_type.into(),
        source_type: payload.kind,
        occurred_at: payload.at.as_deref().and_then(time::normalize_rfc3339),
        subject: Subject { kind: Some("return"), id: Some(return_id), reference: None },
        status: Status { previous: None, current: payload.ret.status },
        test: false,
    })
}
