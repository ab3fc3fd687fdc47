//! Twilio: `X-Twilio-Signature`, base64 HMAC-SHA1 keyed with the account's Auth Token, over the exact URL
//! Twilio called followed by each form parameter sorted by name (`name` + `value`); a JSON body is
//! signed as the URL alone, whose `bodySHA256` parameter must be the body's hex SHA-256. The URL may carry
//! its default port or not (Twilio's own validator accepts both); anything else about it must match.
//! Status callbacks carry no event id: it is a digest of the body.

use std::borrow::Cow;

use super::{digest_id, Delivery, Mapped, Provider};
use crate::scheme::{Algorithm, Credential, Encoding, SignatureScheme, SignedString};
use crate::{Error, Status, Subject, UNKNOWN_TYPE};

const SIGNATURE: SignatureScheme<'static> = SignatureScheme::in_one_header(
    &["X-Twilio-Signature"],
    Algorithm::Sha1,
    Encoding::Base64,
    "",
    SignedString::UrlForm,
);

pub const PROVIDER: Provider = Provider {
    id: "twilio",
    credentials: &[Credential::Signature(SIGNATURE)],
    detect_keys: &[],
    form_bodies: true,
    map,
    #[cfg(feature = "explain")]
    about: super::About {
        name: "Twilio",
        docs_url: Some("https://www.twilio.com/docs/usage/webhooks/webhooks-security"),
        secret_format: "the account's Auth Token; the URL must be the webhook URL exactly as configured in Twilio",
        events: "messages: type `message.<MessageStatus>` (or `SmsStatus`; `message.received` without one), subject the `MessageSid`; calls: type `call.<CallStatus>`, subject the `CallSid`; sourceType the status; id `sha256:` + a digest of the body (Twilio sends no event id); `data` the form's fields",
    },
};

fn map<'a>(delivery: &Delivery<'a, '_>) -> Result<Mapped<'a>, Error> {
    let body = delivery.body;
    let (kind, sid, status) = if let Some(sid) = body.str("MessageSid")? {
        let status = match body.str("MessageStatus")? {
            Some(status) => Some(status),
            None => body.str("SmsStatus")?,
        };
        ("message", Some(sid), status)
    } else if let Some(sid) = body.str("CallSid")? {
        ("call", Some(sid), body.str("CallStatus")?)
    } else {
        (UNKNOWN_TYPE, None, None)
    };
    let event_type: Cow<'a, str> = match (&sid, &status) {
        (Some(_), Some(status)) => Cow::Owned(format!("{kind}.{status}")),
        (Some(_), None) => Cow::Owned(format!("{kind}.received")),
        _ => Cow::Borrowed(UNKNOWN_TYPE),
    };
    Ok(Mapped {
        id: digest_id("twilio", delivery),
        source_type: status.clone().unwrap_or(Cow::Borrowed(UNKNOWN_TYPE)),
        event_type,
        occurred_at: None,
        subject: Subject { kind: sid.as_ref().map(|_| Cow::Borrowed(kind)), id: sid, reference: None },
        status: Status { previous: None, current: status },
        test: false,
    })
}
