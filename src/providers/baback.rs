//! Baback: the shared secret travels in the body as `data.secret` and is removed before forwarding;
//! payload `{data: {action, secret, returnRequest}}`.

use super::{Delivery, Mapped, Provider};
use crate::scheme::Credential;
use crate::{time, Error, Status, Subject, UNKNOWN_TYPE};

pub const PROVIDER: Provider = Provider {
    id: "baback",
    credentials: &[Credential::BodySecret { path: &["data", "secret"] }],
    detect_keys: &["data"],
    form_bodies: false,
    map,
    #[cfg(feature = "explain")]
    about: super::About {
        name: "Baback",
        docs_url: None,
        secret_format: "the webhook secret configured in Baback (sent back as `data.secret`)",
        events: "`returnRequest:returnRequest:create|cancel|approve|update` → `return.created|cancelled|approved|updated`, `returnRequest:merchant:approve` → `return.merchant_approved`, `returnRequest:logistician:approve` → `return.logistician_approved`, `returnRequest:discount:create` → `return.discount_created`; id `<returnRequest.id>:<action>:<updatedAt>`; subject the return request, reference `orderName`; occurredAt `updatedAt` (ms); `data.secret` removed",
    },
};

fn map<'a>(delivery: &Delivery<'a, '_>) -> Result<Mapped<'a>, Error> {
    let data = delivery.body.required_object("data")?;
    let action = data.required_str("action")?;
    let request = data.required_object("returnRequest")?;
    let event_type = match action.as_ref() {
        "returnRequest:returnRequest:create" => "return.created",
        "returnRequest:returnRequest:cancel" => "return.cancelled",
        "returnRequest:returnRequest:approve" => "return.approved",
        "returnRequest:returnRequest:update" => "return.updated",
        "returnRequest:merchant:approve" => "return.merchant_approved",
        "returnRequest:logistician:approve" => "return.logistician_approved",
        "returnRequest:discount:create" => "return.discount_created",
        _ => UNKNOWN_TYPE,
    };
    let return_id = match request.text("id")? {
        Some(id) => id,
        None => request.required_text("_id")?,
    };
    // Milliseconds since the epoch; anything but an integer gives no date rather than a wrong one.
    let updated_at = request.text("updatedAt")?.as_deref().and_then(time::integer);
    Ok(Mapped {
        id: format!("{return_id}:{action}:{}", updated_at.unwrap_or_default()).into(),
        event_type: event_type.into(),
        source_type: action,
        occurred_at: updated_at.and_then(time::format_unix_millis),
        subject: Subject { kind: Some("return".into()), id: Some(return_id), reference: request.text("orderName")? },
        status: Status::default(),
        test: false,
    })
}
