//! ReReady: `X-ReReady-Signature-512: t=<unix>,v=<hex HMAC-SHA512 of "t.body">` with the `ssk_…`
//! signing key, or (the documented weaker alternative) a `token` URL parameter.
//! Payload `{device_return_id, serial_number, state, test, ticket_url, url}`.

use super::{Delivery, Mapped, Provider};
use crate::scheme::{Algorithm, Credential, Encoding, HeaderFormat, KeyFormat, SignatureScheme, SignedString};
use crate::{time, Error, KeyKind, Status, Subject};

/// ReReady's signature scheme (also used by [`crate::sign_reready`]).
pub const SIGNATURE: SignatureScheme = SignatureScheme {
    header: &["X-ReReady-Signature-512"],
    timestamp_header: &[],
    id_header: &[],
    format: HeaderFormat::KeyValue { timestamp: "t", signature: "v", separator: ',' },
    algorithm: Algorithm::Sha512,
    encoding: Encoding::Hex,
    signed: SignedString::TimestampDotBody,
    key: KeyFormat::Utf8,
};

pub const PROVIDER: Provider = Provider {
    id: "reready",
    credentials: &[Credential::Signature(SIGNATURE), Credential::UrlToken { param: "token", key: KeyKind::Token }],
    detect_keys: &["device_return_id", "state"],
    form_bodies: false,
    map,
    #[cfg(feature = "explain")]
    about: super::About {
        name: "ReReady",
        docs_url: None,
        secret_format: "the webhook's signing secret key (`ssk_…`); or a token you add to the URL as `?token=`",
        events: "`device_return.status_changed`, sourceType the `state`; id `<device_return_id>:<state>`; subject the device return; status.current `state`; occurredAt the signed `t` (null with a URL token); `test` from the payload",
    },
};

fn map<'a>(delivery: &Delivery<'a, '_>) -> Result<Mapped<'a>, Error> {
    let body = delivery.body;
    let device_return_id = body.required_text("device_return_id")?;
    let state = body.required_str("state")?;
    Ok(Mapped {
        // One delivery per state change of a device return: redeliveries share both.
        id: format!("{device_return_id}:{state}").into(),
        event_type: "device_return.status_changed".into(),
        source_type: state.clone(),
        // ReReady sends when the state changes; the signed time is the best time there is.
        occurred_at: delivery.verified.timestamp.and_then(|t| time::format_utc(t, 0)),
        subject: Subject { kind: Some("device_return".into()), id: Some(device_return_id), reference: None },
        status: Status { previous: None, current: Some(state) },
        test: body.bool("test")?.unwrap_or(false),
    })
}
