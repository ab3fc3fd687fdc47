#![doc = include_str!("../docs/rust.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(not(test), warn(clippy::unwrap_used))]

#[cfg(feature = "wasm")]
mod bindings;
mod error;
mod event;
#[cfg(feature = "explain")]
pub mod explain;
#[cfg(feature = "fuzzing")]
pub mod fuzzing;
mod json;
mod options;
pub mod providers;
mod request;
pub mod scheme;
mod sort;
mod time;

use std::borrow::Cow;

pub use error::Error;
pub use event::{Event, Status, Subject, UNKNOWN_TYPE};
pub use options::{KeyKind, Options, Secret, DEFAULT_MAX_BODY_BYTES, DEFAULT_TOLERANCE_SECONDS};
pub use providers::{detect, Provider, PROVIDERS};
pub use request::Request;
pub use scheme::{Algorithm, Encoding, HmacConfig, SignedDelivery, SignedString, Signing};

/// The README's Rust quick start, run as a doctest so that it cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeQuickStart;

/// Verifies a delivery for `provider` against the system clock and normalizes it.
///
/// See [`verify_at`]; this only supplies `now`. (wasm32-unknown-unknown has no clock: use `verify_at`.)
#[cfg(not(target_arch = "wasm32"))]
pub fn verify<'a>(provider: &str, request: &Request<'a>, options: &Options) -> Result<Event<'a>, Error> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    verify_at(provider, request, options, now)
}

/// Verifies a delivery for `provider` as of `now` (unix seconds) and normalizes it.
///
/// In order: the provider must exist (`unknown_provider`); the body must fit `max_body_bytes`
/// (`payload_too_large`, before any hashing or parsing); a key must be configured (`missing_secret`:
/// fails closed); the credential must be present, well formed and match a configured key in constant
/// time; a signed timestamp must be within the tolerance; only then is the body read as JSON
/// (`invalid_json`, `invalid_payload`, also for an id over [`MAX_ID_BYTES`]). The returned event borrows
/// from the request body.
pub fn verify_at<'a>(provider: &str, request: &Request<'a>, options: &Options, now: i64) -> Result<Event<'a>, Error> {
    let provider = providers::find(provider).ok_or(Error::UnknownProvider)?;
    if request.body.len() > options.max_body_bytes {
        return Err(Error::PayloadTooLarge { limit: options.max_body_bytes });
    }
    // Not UTF-8 is only an error once the credential is checked (or, for a secret inside the body, when
    // it is looked for): a forged delivery is a mismatch whatever its bytes.
    let text = std::str::from_utf8(request.body).map_err(|e| json::error_at(request.body, e.valid_up_to()));
    let mut verified = scheme::authenticate(provider.credentials, request, &text, options, now)?;
    let body = text?;
    if provider.form_bodies && json::form::is_form(body) {
        // A form body (Twilio, Slack commands): verified as received above, read as an object of strings.
        let converted = json::form::to_json(body);
        let object = json::Object::parse(&converted)?;
        let delivery = providers::Delivery { request, body: &object, text: &converted, verified: &verified };
        let mapped = (provider.map)(&delivery)?.into_owned();
        return checked_id(mapped.into_event(provider.id, Cow::Owned(converted), &verified));
    }
    json::check_depth(body)?;
    let object = json::Object::parse(body)?;
    let mapped = (provider.map)(&providers::Delivery { request, body: &object, text: body, verified: &verified })?;
    let data = match verified.redacted_body.take() {
        Some(redacted) => Cow::Owned(redacted),
        None => Cow::Borrowed(body.trim_matches([' ', '\t', '\n', '\r'])),
    };
    checked_id(mapped.into_event(provider.id, data, &verified))
}

/// The longest event id accepted, in bytes. Origins and queues refuse longer ones (an id travels as the
/// `webhook-id` header and three times in a durable queue message), so a longer id is refused here,
/// while the sender can still be told why, rather than after it was taken.
pub const MAX_ID_BYTES: usize = 512;

/// `invalid_payload` when the event's id is longer than [`MAX_ID_BYTES`].
fn checked_id(event: Event<'_>) -> Result<Event<'_>, Error> {
    if event.id.len() > MAX_ID_BYTES {
        return Err(Error::InvalidPayload(
            format!("the event id is {} bytes long; ids longer than {MAX_ID_BYTES} bytes are refused", event.id.len())
                .into(),
        ));
    }
    Ok(event)
}

/// [`verify_at`], returning the event as a JSON string (the forwarding path).
pub fn verify_json_at(provider: &str, request: &Request<'_>, options: &Options, now: i64) -> Result<String, Error> {
    verify_at(provider, request, options, now).map(|event| event.to_json())
}

/// The headers a sender of `provider` would add to `body` (for tests, simulations and the CLI): the
/// signature with its timestamp and id headers, or the bearer header. Empty for providers whose
/// credential travels in the URL (`?token=`) or inside the body (Baback's `data.secret`).
/// `hmac` describes the generic `hmac` provider's scheme.
pub fn sign_headers(
    provider: &str,
    secret: &str,
    body: &[u8],
    timestamp: i64,
    id: &str,
    hmac: Option<&HmacConfig>,
) -> Result<Vec<(String, String)>, Error> {
    let provider = providers::find(provider).ok_or(Error::UnknownProvider)?;
    scheme::sign_headers(provider.credentials, secret, body, timestamp, id, "", hmac)
}

/// Puts a credential on `body` sent to `url` the way `provider`'s sender does: signature or bearer
/// headers, the `?token=` URL parameter, or the secret field inside the JSON body.
pub fn sign_delivery(provider: &str, body: &[u8], url: &str, signing: &Signing<'_>) -> Result<SignedDelivery, Error> {
    let provider = providers::find(provider).ok_or(Error::UnknownProvider)?;
    scheme::sign_delivery(provider.credentials, body, url, signing)
}

/// The Standard Webhooks headers that sign `event` (the event's JSON bytes, as forwarded) for the
/// origin with `forward_secret` (`whsec_…`, at least 16 bytes) at `now`: `webhook-id` is the event id
/// (percent-encoded when it is not visible ASCII, as a header value must be), so the origin can check
/// the forward with any Standard Webhooks library and deduplicate on the id.
pub fn sign_for_origin(event: &[u8], event_id: &str, forward_secret: &str, now: i64) -> Result<OriginHeaders, Error> {
    let webhook_id = header_safe(event_id).into_owned();
    let signature = providers::standard_webhooks::SIGNATURE.sign(forward_secret, Some(&webhook_id), now, event)?;
    Ok(OriginHeaders { webhook_id, webhook_timestamp: now.to_string(), webhook_signature: signature })
}

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

/// The key a forwarder deduplicates a replayable delivery on (see [`Event::replayable`]): hex SHA-256 of
/// the provider id, a NUL and the body as received. Redelivered bytes give the same key whatever id
/// header came with them, which a credential over the body alone does not protect.
pub fn replay_digest(provider: &str, body: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::new().chain_update(provider).chain_update([0]).chain_update(body).finalize())
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

/// The `X-ReReady-Signature-512` header value ReReady would send for `body` at `timestamp`.
pub fn sign_reready(body: &[u8], secret: &str, timestamp: i64) -> String {
    // Any UTF-8 secret is a ReReady key, so signing cannot fail.
    providers::reready::SIGNATURE.sign(secret, None, timestamp, body).unwrap_or_default()
}

/// The `webhook-signature` header value a Standard Webhooks sender would send.
/// Fails with `missing_secret` when `secret` is not `whsec_` + base64.
pub fn sign_standard_webhooks(id: &str, timestamp: i64, body: &[u8], secret: &str) -> Result<String, Error> {
    providers::standard_webhooks::SIGNATURE.sign(secret, Some(id), timestamp, body)
}
