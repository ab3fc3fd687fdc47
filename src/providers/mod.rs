//! The provider registry. A provider is one file: an id, the credential schemes it accepts (from
//! [`crate::scheme`]) and a mapping from its payload to the normalized event.

mod baback;
mod redo;
mod reready;
mod returns_cloud;
mod standard_webhooks;

use std::borrow::Cow;

pub use reready::SIGNATURE as REREADY_SIGNATURE;
pub use standard_webhooks::SIGNATURE as STANDARD_WEBHOOKS_SIGNATURE;

use crate::scheme::{Credential, Verified};
use crate::{Error, Status, Subject};

/// One webhook sender hookgate can verify.
#[derive(Debug)]
pub struct Provider {
    /// The id used in `verify`, the gateway path and the inspector (`reready`, …).
    pub id: &'static str,
    /// The name people know it by.
    pub name: &'static str,
    /// Accepted credentials in order of preference; the first configured and present one decides.
    pub credentials: &'static [Credential],
    /// Maps an authenticated body to the event's fields.
    pub map: for<'a> fn(&Delivery<'a, '_>) -> Result<Mapped<'a>, Error>,
}

/// An authenticated delivery handed to a provider's mapping.
pub struct Delivery<'a, 'v> {
    /// The body, valid UTF-8 (JSON validity is the mapping's parse to check).
    pub body: &'a str,
    /// What authentication established (timestamp, message id…).
    pub verified: &'v Verified<'a>,
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

/// Every provider, in the order they are listed to users.
pub static PROVIDERS: &[&Provider] = &[
    &redo::PROVIDER,
    &baback::PROVIDER,
    &returns_cloud::PROVIDER,
    &reready::PROVIDER,
    &standard_webhooks::PROVIDER,
];

/// The provider with this id.
pub fn find(id: &str) -> Option<&'static Provider> {
    PROVIDERS.iter().copied().find(|p| p.id == id)
}

/// A provider as registries and UIs see it (serialized by [`registry_json`]).
#[derive(serde::Serialize)]
struct Description<'p> {
    id: &'static str,
    name: &'static str,
    credentials: Vec<CredentialDescription<'p>>,
}

#[derive(serde::Serialize)]
struct CredentialDescription<'p> {
    scheme: &'static str,
    option: &'static str,
    place: Cow<'static, str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    headers: Vec<&'p str>,
}

impl Provider {
    fn describe(&self) -> Description<'_> {
        let credentials = self
            .credentials
            .iter()
            .map(|c| CredentialDescription {
                scheme: match c {
                    Credential::Bearer(_) => "bearer",
                    Credential::UrlToken { .. } => "url-token",
                    Credential::BodySecret { .. } => "body-secret",
                    Credential::Signature(_) => "hmac",
                },
                option: c.key_kind().option_name(),
                place: c.place(),
                headers: match c {
                    Credential::Signature(s) => s.header.iter().chain(s.timestamp_header).chain(s.id_header).copied().collect(),
                    _ => Vec::new(),
                },
            })
            .collect();
        Description { id: self.id, name: self.name, credentials }
    }
}

/// Every provider as a JSON array of `{id, name, credentials: [{scheme, option, place, headers?}]}`.
pub fn registry_json() -> String {
    let described: Vec<Description<'_>> = PROVIDERS.iter().map(|p| p.describe()).collect();
    serde_json::to_string(&described).expect("the registry always serializes")
}
