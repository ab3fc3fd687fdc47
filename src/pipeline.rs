//! Receiving a delivery, in order: the body's size, the credential, then the body as JSON and the event
//! its provider's declaration maps it to. And the other way: signing a delivery as its sender does.

use std::borrow::Cow;

use crate::declaration::Declaration;
use crate::delivery::Delivery;
use crate::interpret::{map_event, Mapped};
use crate::scheme::{self, SignedDelivery, Signing, Verified};
use crate::{json, providers, Error, Event, Options, Request};

/// The longest event id accepted, in bytes. Origins and queues refuse longer ones (an id travels as the
/// `webhook-id` header and three times in a durable queue message), so a longer id is refused here,
/// while the sender can still be told why, rather than after it was taken.
pub const MAX_ID_BYTES: usize = 512;

/// Unix seconds now, by the system clock.
#[cfg(not(target_arch = "wasm32"))]
pub fn system_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Verifies a delivery for the built-in `provider` as of `now` (unix seconds) and normalizes it; see
/// [`verify_declared_at`]. `unknown_provider` when no built-in provider has that id.
pub fn verify_at<'a>(provider: &str, request: &Request<'a>, options: &Options, now: i64) -> Result<Event<'a>, Error> {
    let declaration = providers::find(provider).ok_or(Error::UnknownProvider)?;
    verify_declared_at(&declaration, request, options, now)
}

/// Verifies a delivery for `declaration` as of `now` (unix seconds) and normalizes it.
///
/// In order: the body must fit `max_body_bytes` (`payload_too_large`, before any hashing or parsing); a
/// key must be configured (`missing_secret`: fails closed); the credential must be present, well formed
/// and match a configured key in constant time; a signed timestamp must be within the tolerance; only
/// then is the body read as JSON (`invalid_json`, `invalid_payload`, also for an id over
/// [`MAX_ID_BYTES`]). A sender that puts its signature inside the body (Adyen, Mailgun) has its body read
/// as JSON first, to find it; no field of it is trusted before the signature matched. The event borrows
/// from the request body.
pub fn verify_declared_at<'a>(
    declaration: &Declaration,
    request: &Request<'a>,
    options: &Options,
    now: i64,
) -> Result<Event<'a>, Error> {
    if request.body.len() > options.max_body_bytes {
        return Err(Error::PayloadTooLarge { limit: options.max_body_bytes });
    }
    let delivery = Delivery::new(request);
    // Not UTF-8 is only an error once the credential is checked (or, for a secret inside the body, when it
    // is looked for): a forged delivery is a mismatch whatever its bytes.
    let mut verified =
        scheme::authenticate(&declaration.credentials, &delivery, options, now, declaration.reads_digest)?;
    let body = delivery.text()?;
    if declaration.forms && json::form::is_form(body) {
        // A form body (Twilio, Slack commands): verified as received above, read as an object of strings.
        let converted = json::form::to_json(body);
        let form = Delivery::with_text(request, &converted);
        form.root()?;
        let mapped = own(map_event(declaration, &form, &verified)?);
        return checked(event(declaration, mapped, Cow::Owned(converted), &verified));
    }
    if matches!(delivery.root()?, json::Root::Array(_)) && !declaration.array_body {
        return Err(Error::InvalidPayload("the body is not a JSON object".into()));
    }
    let mapped = map_event(declaration, &delivery, &verified)?;
    let data = match verified.redacted_body.take() {
        Some(redacted) => Cow::Owned(redacted),
        None => Cow::Borrowed(body.trim_matches([' ', '\t', '\n', '\r'])),
    };
    checked(event(declaration, mapped, data, &verified))
}

/// [`verify_at`], returning the event as a JSON string (the forwarding path).
pub fn verify_json_at(provider: &str, request: &Request<'_>, options: &Options, now: i64) -> Result<String, Error> {
    verify_at(provider, request, options, now).map(|event| event.to_json())
}

/// The event, with the provider id, the payload (raw JSON text), and what the credential established.
fn event<'a>(declaration: &Declaration, mapped: Mapped<'a>, data: Cow<'a, str>, verified: &Verified<'_>) -> Event<'a> {
    // A built-in's id lives as long as the module: no copy.
    let provider = match providers::ids().find(|id| *id == declaration.id) {
        Some(id) => Cow::Borrowed(id),
        None => Cow::Owned(declaration.id.clone()),
    };
    Event {
        provider,
        id: mapped.id,
        event_type: mapped.event_type,
        source_type: mapped.source_type,
        occurred_at: mapped.occurred_at,
        subject: mapped.subject,
        status: mapped.status,
        test: mapped.test,
        data,
        replayable: verified.timestamp.is_none(),
        signed_digest: verified.digest.clone(),
    }
}

/// The same fields owning their text (for a body converted from a form, which the event outlives).
fn own(mapped: Mapped<'_>) -> Mapped<'static> {
    let own = |text: Option<Cow<'_, str>>| text.map(|t| Cow::Owned(t.into_owned()));
    Mapped {
        id: Cow::Owned(mapped.id.into_owned()),
        event_type: Cow::Owned(mapped.event_type.into_owned()),
        source_type: Cow::Owned(mapped.source_type.into_owned()),
        occurred_at: mapped.occurred_at,
        subject: crate::Subject {
            kind: own(mapped.subject.kind),
            id: own(mapped.subject.id),
            reference: own(mapped.subject.reference),
        },
        status: crate::Status { previous: own(mapped.status.previous), current: own(mapped.status.current) },
        test: mapped.test,
    }
}

/// `invalid_payload` when the event's id is longer than [`MAX_ID_BYTES`].
fn checked(event: Event<'_>) -> Result<Event<'_>, Error> {
    if event.id.len() > MAX_ID_BYTES {
        return Err(Error::InvalidPayload(
            format!("the event id is {} bytes long; ids longer than {MAX_ID_BYTES} bytes are refused", event.id.len())
                .into(),
        ));
    }
    Ok(event)
}

/// Puts a credential on `body` sent to `url` the way the built-in `provider`'s sender does: signature or
/// bearer headers, the `?token=` URL parameter, or the field inside the JSON body.
pub fn sign_delivery(provider: &str, body: &[u8], url: &str, signing: &Signing<'_>) -> Result<SignedDelivery, Error> {
    let declaration = providers::find(provider).ok_or(Error::UnknownProvider)?;
    sign_delivery_declared(&declaration, &[], body, url, signing)
}

/// [`sign_delivery`] for a provider declared at run time, and a delivery that already carries `headers`
/// (a sender that signs some of them, Contentful, signs these).
pub fn sign_delivery_declared(
    declaration: &Declaration,
    headers: &[(&str, &str)],
    body: &[u8],
    url: &str,
    signing: &Signing<'_>,
) -> Result<SignedDelivery, Error> {
    scheme::sign_delivery_with(&declaration.credentials, headers, body, url, signing)
}
