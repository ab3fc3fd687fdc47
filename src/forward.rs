//! What the gateway adds to a verified event: its signature for the origin (Standard Webhooks), the id as
//! a header value, and the key a forwarder deduplicates a replayable delivery on.

use std::borrow::Cow;

use crate::declaration::Credential;
use crate::delivery::Delivery;
use crate::{Error, Request};

/// The headers [`sign_for_origin`] writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OriginHeaders {
    /// `webhook-id`: the event id, header-safe.
    pub webhook_id: String,
    /// `webhook-timestamp`: unix seconds.
    pub webhook_timestamp: String,
    /// `webhook-signature`: `v1,<base64>`.
    pub webhook_signature: String,
}

/// The Standard Webhooks headers that sign `event` (the event's JSON bytes, as forwarded) for the
/// origin with `forward_secret` (`whsec_…`, at least 16 bytes) at `now`: `webhook-id` is the event id
/// (percent-encoded when it is not visible ASCII, as a header value must be), so the origin can check
/// the forward with any Standard Webhooks library and deduplicate on the id.
pub fn sign_for_origin(event: &[u8], event_id: &str, forward_secret: &str, now: i64) -> Result<OriginHeaders, Error> {
    let webhook_id = header_safe(event_id).into_owned();
    let standard = crate::providers::find("standard-webhooks").ok_or(Error::UnknownProvider)?;
    let Some(Credential::Hmac(scheme)) = standard.credentials.first() else { return Err(Error::UnknownProvider) };
    let timestamp = now.to_string();
    let request = Request::new(&[], event);
    let signature = scheme.signature(forward_secret, &Delivery::new(&request), "", &timestamp, Some(&webhook_id))?;
    Ok(OriginHeaders {
        webhook_id,
        webhook_signature: scheme.header_with(&timestamp, &signature),
        webhook_timestamp: timestamp,
    })
}

/// The key a forwarder deduplicates a replayable delivery on (see [`crate::Event::replayable`]): hex
/// SHA-256 of the body as received. Redelivered bytes give the same key whatever id header came with
/// them, which a credential over the body alone does not protect.
pub fn replay_digest(body: &[u8]) -> String {
    crate::scheme::sha256_hex(&[body])
}

/// `text` as a header value: as it is when it is visible ASCII, else percent-encoded as JavaScript's
/// `encodeURIComponent` writes it (a header cannot carry other bytes).
pub fn header_safe(text: &str) -> Cow<'_, str> {
    if !text.is_empty() && text.bytes().all(|b| (0x21..=0x7e).contains(&b)) {
        return Cow::Borrowed(text);
    }
    const UNRESERVED: &[u8] = b"-_.!~*'()";
    let mut out = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || UNRESERVED.contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(b"0123456789ABCDEF"[usize::from(byte >> 4)]));
            out.push(char::from(b"0123456789ABCDEF"[usize::from(byte & 0xf)]));
        }
    }
    Cow::Owned(out)
}
