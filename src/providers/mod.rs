//! The provider registry. A provider is one file in this folder: an id, the credential schemes it
//! accepts (from [`crate::scheme`]) and a mapping from its payload to the normalized event.
//! `build.rs` lists the files, so a new provider is a new file and nothing else.

use std::borrow::Cow;

use crate::json::Object;
use crate::scheme::{Credential, Verified};
use crate::{Error, Request, Status, Subject};

include!(concat!(env!("OUT_DIR"), "/providers.rs"));

/// One webhook sender hookgate can verify.
#[derive(Debug)]
pub struct Provider {
    /// The id used in `verify`, the gateway path (`/webhooks/<id>`) and its env names (`<ID>_SECRET`).
    pub id: &'static str,
    /// The name people know it by.
    pub name: &'static str,
    /// The sender's documentation of its webhooks, where a public page could be confirmed.
    pub docs_url: Option<&'static str>,
    /// What the user configures as the secret (or token), in words.
    pub secret_format: &'static str,
    /// Accepted credentials in order of preference; the first configured and present one decides.
    pub credentials: &'static [Credential],
    /// Top-level body keys that, all present, identify this sender's payloads (for auto-detection);
    /// empty when its signature header says enough.
    pub detect_keys: &'static [&'static str],
    /// How its deliveries map to the event, in words (for the README and the inspector).
    pub events: &'static str,
    /// Maps an authenticated body to the event's fields.
    pub map: for<'a> fn(&Delivery<'a, '_>) -> Result<Mapped<'a>, Error>,
}

/// An authenticated delivery handed to a provider's mapping.
pub struct Delivery<'a, 'v> {
    /// The request (for fields that senders put in headers).
    pub request: &'v Request<'a>,
    /// The body, valid UTF-8 (JSON validity is the mapping's parse to check).
    pub body: &'a str,
    /// What authentication established (timestamp, message id…).
    pub verified: &'v Verified<'a>,
}

impl<'a> Delivery<'a, '_> {
    /// The body as a JSON object.
    pub fn object(&self) -> Result<Object<'a>, Error> {
        Object::parse(self.body)
    }
}

/// The event fields a mapping fills in; hookgate adds `provider` and `data`.
pub struct Mapped<'a> {
    /// Idempotency key.
    pub id: Cow<'a, str>,
    /// Normalized type.
    pub event_type: Cow<'a, str>,
    /// The provider's own event name.
    pub source_type: Cow<'a, str>,
    /// RFC 3339 UTC.
    pub occurred_at: Option<String>,
    /// What the event is about.
    pub subject: Subject<'a>,
    /// Status transition.
    pub status: Status<'a>,
    /// Test delivery flag.
    pub test: bool,
}

impl<'a> Mapped<'a> {
    /// The event, with the provider id and the payload (raw JSON text) added.
    pub fn into_event(self, provider: &'static str, data: std::borrow::Cow<'a, str>) -> crate::Event<'a> {
        crate::Event {
            provider,
            id: self.id,
            event_type: self.event_type,
            source_type: self.source_type,
            occurred_at: self.occurred_at,
            subject: self.subject,
            status: self.status,
            test: self.test,
            data,
        }
    }
}

/// The provider with this id.
pub fn find(id: &str) -> Option<&'static Provider> {
    PROVIDERS.iter().copied().find(|p| p.id == id)
}

/// The provider a delivery most likely comes from: a listed signature header decides; otherwise the
/// body's top-level keys are matched against each provider's `detect_keys` (most keys wins).
pub fn detect(request: &Request<'_>) -> Option<&'static Provider> {
    let signed_by = PROVIDERS.iter().copied().find(|p| {
        p.credentials.iter().any(
            |c| matches!(c, Credential::Signature(s) if request.credential_header(s.header).ok().flatten().is_some()),
        )
    });
    if signed_by.is_some() {
        return signed_by;
    }
    let body = Object::parse(std::str::from_utf8(request.body).ok()?).ok()?;
    PROVIDERS
        .iter()
        .copied()
        .filter(|p| !p.detect_keys.is_empty() && p.detect_keys.iter().all(|key| body.raw(key).is_some()))
        .max_by_key(|p| p.detect_keys.len())
}

/// A provider as registries and UIs see it (serialized by [`registry_json`]).
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Description {
    id: &'static str,
    name: &'static str,
    docs_url: Option<&'static str>,
    secret_format: &'static str,
    events: &'static str,
    credentials: Vec<CredentialDescription>,
}

#[derive(serde::Serialize)]
struct CredentialDescription {
    scheme: &'static str,
    option: &'static str,
    place: Cow<'static, str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    headers: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    signature: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    param: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'static [&'static str]>,
}

impl Provider {
    fn describe(&self) -> Description {
        let credentials = self
            .credentials
            .iter()
            .map(|c| CredentialDescription {
                scheme: match c {
                    Credential::Bearer(_) => "bearer",
                    Credential::UrlToken { .. } => "url-token",
                    Credential::BodySecret { .. } => "body-secret",
                    Credential::Signature(_) | Credential::ConfiguredSignature => "hmac",
                },
                option: c.key_kind().option_name(),
                place: c.place(),
                headers: match c {
                    Credential::Signature(s) => {
                        s.header.iter().chain(s.timestamp_header).chain(s.id_header).copied().collect()
                    }
                    _ => Vec::new(),
                },
                signature: match c {
                    Credential::Signature(s) => Some(s.describe()),
                    _ => None,
                },
                param: match c {
                    Credential::UrlToken { param, .. } => Some(*param),
                    _ => None,
                },
                path: match c {
                    Credential::BodySecret { path } => Some(*path),
                    _ => None,
                },
            })
            .collect();
        Description {
            id: self.id,
            name: self.name,
            docs_url: self.docs_url,
            secret_format: self.secret_format,
            events: self.events,
            credentials,
        }
    }
}

/// Every provider as a JSON array of
/// `{id, name, docsUrl, secretFormat, events, credentials: [{scheme, option, place, headers?, signature?, param?, path?}]}`.
pub fn registry_json() -> String {
    let described: Vec<Description> = PROVIDERS.iter().map(|p| p.describe()).collect();
    // Plain strings and lists cannot fail to serialize.
    serde_json::to_string(&described).unwrap_or_default()
}
