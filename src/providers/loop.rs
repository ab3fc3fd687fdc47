//! Loop Returns: `X-Loop-Signature`, base64 HMAC-SHA256 of the raw body as sent (Loop escapes `/` as
//! `\/`; the signature covers those bytes). Payload `{topic, trigger, id, state, …}`; no event id is sent.

use super::{Delivery, Mapped, Provider};
use crate::scheme::{Algorithm, Credential, Encoding, SignatureScheme};
use crate::{time, Error, Status, Subject};

const SIGNATURE: SignatureScheme<'static> =
    SignatureScheme::over_body(&["X-Loop-Signature"], Algorithm::Sha256, Encoding::Base64, "");

pub const PROVIDER: Provider = Provider {
    id: "loop",
    credentials: &[Credential::Signature(SIGNATURE)],
    detect_keys: &["topic", "trigger"],
    form_bodies: false,
    map,
    #[cfg(feature = "explain")]
    about: super::About {
        name: "Loop Returns",
        docs_url: Some("https://docs.loopreturns.com/webhook-reference/validation"),
        secret_format: "the webhook secret from Loop's Developer Tools page",
        events: "type the dotted `trigger` (`return.created`; a bare legacy trigger is prefixed with the `topic`); id `<topic>:<id>:<type>:<updated_at>`; subject kind the topic, id `id` (or `return_id`), reference `order_name`; status.current `state`; occurredAt `updated_at`",
    },
};

fn map<'a>(delivery: &Delivery<'a, '_>) -> Result<Mapped<'a>, Error> {
    let body = delivery.body;
    let topic = body.required_str("topic")?;
    let trigger = body.str("trigger")?;
    // Current triggers are dotted (`return.created`); older subscriptions send `created` beside the topic.
    let event_type = match trigger.as_deref() {
        Some(trigger) if trigger.contains('.') => trigger.to_owned(),
        Some(trigger) => format!("{topic}.{trigger}"),
        None => topic.to_string(),
    };
    let subject_id = match body.text("id")? {
        Some(id) => Some(id),
        None => body.text("return_id")?,
    };
    let state = match body.str("state")? {
        Some(state) => Some(state),
        None => body.str("return_state")?,
    };
    let updated_at = body.str("updated_at")?;
    Ok(Mapped {
        id: format!(
            "{topic}:{}:{event_type}:{}",
            subject_id.as_deref().unwrap_or_default(),
            updated_at.as_deref().or(state.as_deref()).unwrap_or_default()
        )
        .into(),
        source_type: trigger.unwrap_or_else(|| topic.clone()),
        event_type: event_type.into(),
        occurred_at: updated_at.as_deref().and_then(time::normalize_rfc3339),
        subject: Subject { kind: Some(topic), id: subject_id, reference: body.text("order_name")? },
        status: Status { previous: None, current: state },
        test: false,
    })
}
