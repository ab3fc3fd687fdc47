//! Redo: `Authorization: Bearer <subscriber secret>`; payload `{type, at, return, order}`.
//! Redo advises `return.id` + `at` as the idempotency key.

use super::{Delivery, Mapped, Provider};
use crate::scheme::Credential;
use crate::{time, Error, KeyKind, Status, Subject, UNKNOWN_TYPE};

pub const PROVIDER: Provider = Provider {
    id: "redo",
    credentials: &[Credential::Bearer(KeyKind::Secret)],
    detect_keys: &["type", "at", "return"],
    form_bodies: false,
    map,
    #[cfg(feature = "explain")]
    about: super::About {
        name: "Redo",
        docs_url: None,
        secret_format: "the subscriber secret you chose when creating the webhook",
        events: "`created`/`updated`/`backfill` → `return.created`/`return.updated`/`return.backfill`; id `<return.id>-<at>` (Redo's advice); subject the return; status.current `return.status`; occurredAt `at`",
    },
};

fn map<'a>(delivery: &Delivery<'a, '_>) -> Result<Mapped<'a>, Error> {
    let body = delivery.body;
    let kind = body.required_str("type")?;
    let at = body.str("at")?;
    let ret = body.required_object("return")?;
    let return_id = ret.required_text("id")?;
    let event_type = match kind.as_ref() {
        "created" => "return.created",
        "updated" => "return.updated",
        "backfill" => "return.backfill",
        _ => UNKNOWN_TYPE,
    };
    Ok(Mapped {
        id: format!("{return_id}-{}", at.as_deref().unwrap_or_default()).into(),
        event_type: event_type.into(),
        source_type: kind,
        occurred_at: at.as_deref().and_then(time::normalize_rfc3339),
        subject: Subject { kind: Some("return".into()), id: Some(return_id), reference: None },
        status: Status { previous: None, current: ret.str("status")? },
        test: false,
    })
}
