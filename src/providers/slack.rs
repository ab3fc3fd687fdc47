//! Slack: `X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:timestamp:body">` with
//! `X-Slack-Request-Timestamp`, keyed with the app's signing secret. Events API deliveries are JSON
//! (`event_callback` with `event_id` and `event.type`; `url_verification`); slash commands and
//! interactivity are forms, verified as received and read into `data` as an object of strings.

use std::borrow::Cow;

use super::{digest_id, Delivery, Mapped, Provider};
use crate::scheme::{Algorithm, Credential, Encoding, HeaderFormat, KeyFormat, SignatureScheme, SignedString};
use crate::{time, Error, Status, Subject, UNKNOWN_TYPE};

const SIGNATURE: SignatureScheme<'static> = SignatureScheme {
    header: &["X-Slack-Signature"],
    timestamp_header: &["X-Slack-Request-Timestamp"],
    id_header: &[],
    format: HeaderFormat::Prefixed { prefix: "v0=" },
    algorithm: Algorithm::Sha256,
    encoding: Encoding::Hex,
    signed: SignedString::SlackV0,
    key: KeyFormat::Utf8,
};

pub const PROVIDER: Provider = Provider {
    id: "slack",
    credentials: &[Credential::Signature(SIGNATURE)],
    detect_keys: &[],
    form_bodies: true,
    map,
    #[cfg(feature = "explain")]
    about: super::About {
        name: "Slack",
        docs_url: Some("https://api.slack.com/authentication/verifying-requests-from-slack"),
        secret_format: "the app's Signing Secret (Basic Information → App Credentials)",
        events: "Events API: type and sourceType `event.type`, id `event_id`, subject the `event.channel`, occurredAt `event_time`; `url_verification` as itself; slash commands (forms): type `command`, sourceType the command, id `trigger_id`; interactivity (`payload=`): type `interaction`; other ids `sha256:` + a digest of the body",
    },
};

fn map<'a>(delivery: &Delivery<'a, '_>) -> Result<Mapped<'a>, Error> {
    let body = delivery.body;
    if let Some(command) = body.str("command")? {
        return form_mapping(delivery, "command", command);
    }
    if body.raw("payload").is_some() {
        return form_mapping(delivery, "interaction", Cow::Borrowed("interaction"));
    }
    let outer = body.str("type")?.unwrap_or(Cow::Borrowed(UNKNOWN_TYPE));
    let event = body.object("event")?;
    let (inner, channel) = match &event {
        Some(event) => (event.str("type")?, event.str("channel")?),
        None => (None, None),
    };
    let kind = inner.unwrap_or(outer);
    Ok(Mapped {
        id: match body.text("event_id")? {
            Some(id) => id,
            None => digest_id("slack", delivery),
        },
        event_type: kind.clone(),
        source_type: kind,
        occurred_at: body.text("event_time")?.as_deref().and_then(time::integer).and_then(|t| time::format_utc(t, 0)),
        subject: Subject { kind: channel.as_ref().map(|_| Cow::Borrowed("channel")), id: channel, reference: None },
        status: Status::default(),
        test: false,
    })
}

/// A slash command or an interaction: a form, read as an object of strings.
fn form_mapping<'a>(
    delivery: &Delivery<'a, '_>,
    kind: &'static str,
    source: Cow<'a, str>,
) -> Result<Mapped<'a>, Error> {
    let body = delivery.body;
    let channel = body.str("channel_id")?;
    Ok(Mapped {
        id: match body.str("trigger_id")? {
            Some(id) => id,
            None => digest_id("slack", delivery),
        },
        event_type: Cow::Borrowed(kind),
        source_type: source,
        occurred_at: None,
        subject: Subject { kind: channel.as_ref().map(|_| Cow::Borrowed("channel")), id: channel, reference: None },
        status: Status::default(),
        test: false,
    })
}
