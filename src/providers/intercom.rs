//! Intercom: `X-Hub-Signature: sha1=<hex HMAC-SHA1 of the body>`, keyed with the app's client secret.
//! Payload: a `notification_event` with `id` (`notif_…`, the same on retries), `topic` and `data.item`.

use super::{Delivery, Mapped, Provider};
use crate::scheme::{Algorithm, Credential, Encoding, SignatureScheme};
use crate::{time, Error, Status, Subject};

const SIGNATURE: SignatureScheme<'static> =
    SignatureScheme::over_body(&["X-Hub-Signature"], Algorithm::Sha1, Encoding::Hex, "sha1=");

pub const PROVIDER: Provider = Provider {
    id: "intercom",
    credentials: &[Credential::Signature(SIGNATURE)],
    detect_keys: &[],
    form_bodies: false,
    map,
    #[cfg(feature = "explain")]
    about: super::About {
        name: "Intercom",
        docs_url: Some("https://developers.intercom.com/docs/references/webhooks/webhook-models"),
        secret_format: "the app's client secret (Developer Hub → your app → Basic information)",
        events: "type and sourceType `topic` (`conversation.user.replied`); id `id` (`notif_…`); subject `data.item` (`type`, `id`); occurredAt `created_at`",
    },
};

fn map<'a>(delivery: &Delivery<'a, '_>) -> Result<Mapped<'a>, Error> {
    let body = delivery.body;
    let topic = body.required_str("topic")?;
    let item = match body.object("data")? {
        Some(data) => data.object("item")?,
        None => None,
    };
    let (kind, id) = match &item {
        Some(item) => (item.str("type")?, item.text("id")?),
        None => (None, None),
    };
    Ok(Mapped {
        id: body.required_text("id")?,
        event_type: topic.clone(),
        source_type: topic,
        occurred_at: body.text("created_at")?.as_deref().and_then(time::integer).and_then(|t| time::format_utc(t, 0)),
        subject: Subject { kind, id, reference: None },
        status: Status::default(),
        test: false,
    })
}
