//! AfterShip: Tracking signs with `aftership-hmac-sha256`, Returns with `as-signature-hmac-sha256`
//! (organizations created before Oct 2022: `am-webhook-signature: hmac-sha256=<sig>`); all three are
//! base64 HMAC-SHA256 of the raw body. Tracking payload `{event_id, event, ts, msg}`; Returns payload
//! `{id, event, created_at, data}`.

use super::{Delivery, Mapped, Provider};
use crate::scheme::{Algorithm, Credential, Encoding, SignatureScheme};
use crate::{time, Error, Status, Subject, UNKNOWN_TYPE};

const fn body_signature(header: &'static [&'static str], prefix: &'static str) -> Credential {
    Credential::Signature(SignatureScheme::over_body(header, Algorithm::Sha256, Encoding::Base64, prefix))
}

pub const PROVIDER: Provider = Provider {
    id: "aftership",
    credentials: &[
        body_signature(&["aftership-hmac-sha256"], ""),
        body_signature(&["as-signature-hmac-sha256"], ""),
        body_signature(&["am-webhook-signature"], "hmac-sha256="),
    ],
    detect_keys: &[],
    form_bodies: false,
    map,
    #[cfg(feature = "explain")]
    about: super::About {
        name: "AfterShip (Tracking and Returns)",
        docs_url: Some("https://www.aftership.com/docs/returns/webhook/webhook-signature"),
        secret_format: "the webhook secret from AfterShip's notification or webhook settings",
        events: "Tracking `tracking_update` → `tracking.updated` (id `event_id`, subject the tracking, reference the tracking number, status.current its `tag`, occurredAt `ts`); Returns `return.*` kept as is (id `id`, subject `data.id`, reference `data.rma_number`, occurredAt `created_at`)",
    },
};

fn map<'a>(delivery: &Delivery<'a, '_>) -> Result<Mapped<'a>, Error> {
    let body = delivery.body;
    let event = body.required_str("event")?;
    if let Some(msg) = body.object("msg")? {
        // Tracking: one message per shipment status update.
        let event_type = match event.as_ref() {
            "tracking_update" => "tracking.updated",
            _ => UNKNOWN_TYPE,
        };
        return Ok(Mapped {
            id: body.required_text("event_id")?,
            event_type: event_type.into(),
            source_type: event,
            occurred_at: body.text("ts")?.as_deref().and_then(time::integer).and_then(|ts| time::format_utc(ts, 0)),
            subject: Subject {
                kind: Some("tracking".into()),
                id: msg.text("id")?,
                reference: msg.text("tracking_number")?,
            },
            status: Status { previous: None, current: msg.str("tag")? },
            test: false,
        });
    }
    // Returns: the event names are already `return.<what>`.
    let data = body.object("data")?;
    let (subject_id, reference) = match &data {
        Some(data) => (data.text("id")?, data.text("rma_number")?),
        None => (None, None),
    };
    Ok(Mapped {
        id: body.required_text("id")?,
        event_type: if event.starts_with("return.") { event.clone() } else { UNKNOWN_TYPE.into() },
        source_type: event,
        occurred_at: body.str("created_at")?.as_deref().and_then(time::normalize_rfc3339),
        subject: Subject { kind: Some("return".into()), id: subject_id, reference },
        status: Status::default(),
        test: false,
    })
}
