//! GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>`; the event name is in
//! `X-GitHub-Event` and the delivery id in `X-GitHub-Delivery`. Only JSON deliveries are accepted
//! (set the webhook's content type to `application/json`).

use std::borrow::Cow;

use super::{Delivery, Mapped, Provider};
use crate::scheme::{Algorithm, Credential, Encoding, SignatureScheme};
use crate::{Error, Status, Subject};

const SIGNATURE: SignatureScheme<'static> =
    SignatureScheme::over_body(&["X-Hub-Signature-256"], Algorithm::Sha256, Encoding::Hex, "sha256=");

pub const PROVIDER: Provider = Provider {
    id: "github",
    credentials: &[Credential::Signature(SIGNATURE)],
    detect_keys: &[],
    form_bodies: false,
    map,
    #[cfg(feature = "explain")]
    about: super::About {
        name: "GitHub",
        docs_url: Some("https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries"),
        secret_format: "the webhook's secret",
        events: "type and sourceType `X-GitHub-Event` (+ `.action`); id `X-GitHub-Delivery`; subject the repository (reference `full_name`)",
    },
};

fn map<'a>(delivery: &Delivery<'a, '_>) -> Result<Mapped<'a>, Error> {
    let body = delivery.body;
    let event =
        delivery.request.header("X-GitHub-Event").ok_or(Error::InvalidPayload("no X-GitHub-Event header".into()))?;
    let id = delivery
        .request
        .header("X-GitHub-Delivery")
        .ok_or(Error::InvalidPayload("no X-GitHub-Delivery header".into()))?;
    let source_type: Cow<'a, str> = match body.str("action")? {
        Some(action) => format!("{event}.{action}").into(),
        None => event.into(),
    };
    let repository = body.object("repository")?;
    Ok(Mapped {
        id: id.into(),
        event_type: source_type.clone(),
        source_type,
        occurred_at: None,
        subject: Subject {
            kind: repository.as_ref().map(|_| "repository".into()),
            id: match &repository {
                Some(r) => r.text("id")?,
                None => None,
            },
            reference: match &repository {
                Some(r) => r.str("full_name")?,
                None => None,
            },
        },
        status: Status::default(),
        test: false,
    })
}
