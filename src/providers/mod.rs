//! The provider registry. A provider is one file in this folder: an id, the credential schemes it
//! accepts (from [`crate::scheme`]) and a mapping from its payload to the normalized event. A new
//! provider is its file plus one line in each list below (a test fails when a file is not listed).

use std::borrow::Cow;

use crate::json::Object;
use crate::scheme::{Credential, Verified};
use crate::{Error, Request, Status, Subject};

pub(crate) mod aftership;
pub(crate) mod baback;
pub(crate) mod easypost;
pub(crate) mod github;
pub(crate) mod hmac;
pub(crate) mod intercom;
pub(crate) mod r#loop;
pub(crate) mod paddle;
pub(crate) mod redo;
pub(crate) mod reready;
pub(crate) mod returns_cloud;
pub(crate) mod sendcloud;
pub(crate) mod shopify;
pub(crate) mod slack;
pub(crate) mod square;
pub(crate) mod standard_webhooks;
pub(crate) mod stripe;
pub(crate) mod twilio;
pub(crate) mod woocommerce;
pub(crate) mod zendesk;

/// Every provider, in id order.
pub static PROVIDERS: &[&Provider] = &[
    &aftership::PROVIDER,
    &baback::PROVIDER,
    &easypost::PROVIDER,
    &github::PROVIDER,
    &hmac::PROVIDER,
    &intercom::PROVIDER,
    &r#loop::PROVIDER,
    &paddle::PROVIDER,
    &redo::PROVIDER,
    &reready::PROVIDER,
    &returns_cloud::PROVIDER,
    &sendcloud::PROVIDER,
    &shopify::PROVIDER,
    &slack::PROVIDER,
    &square::PROVIDER,
    &standard_webhooks::PROVIDER,
    &stripe::PROVIDER,
    &twilio::PROVIDER,
    &woocommerce::PROVIDER,
    &zendesk::PROVIDER,
];

/// One webhook sender hookgate can verify.
#[derive(Debug)]
pub struct Provider {
    /// The id used in `verify`, the gateway path (`/webhooks/<id>`) and its env names (`<ID>_SECRET`).
    pub id: &'static str,
    /// Accepted credentials in order of preference; the first configured and present one decides.
    pub credentials: &'static [Credential],
    /// Top-level body keys that, all present, identify this sender's payloads (for auto-detection);
    /// empty when its signature header says enough.
    pub detect_keys: &'static [&'static str],
    /// Whether it sends form-encoded bodies (`a=1&b=2`) too: they are verified as received, then read
    /// into an object of strings for the mapping and the event's `data`.
    pub form_bodies: bool,
    /// Maps an authenticated body to the event's fields.
    pub map: for<'a> fn(&Delivery<'a, '_>) -> Result<Mapped<'a>, Error>,
    /// What people read about it (the `explain` feature: docs, the inspector, the CLI).
    #[cfg(feature = "explain")]
    pub about: About,
}

/// A provider in words: the registry's prose, left out of the Worker-sized build.
#[cfg(feature = "explain")]
#[derive(Debug)]
pub struct About {
    /// The name people know it by.
    pub name: &'static str,
    /// The sender's documentation of its webhooks, where a public page could be confirmed.
    pub docs_url: Option<&'static str>,
    /// What the user configures as the secret (or token), in words.
    pub secret_format: &'static str,
    /// How its deliveries map to the event, in words (for the docs and the inspector).
    pub events: &'static str,
}

/// An authenticated delivery handed to a provider's mapping.
pub struct Delivery<'a, 'v> {
    /// The request (for fields that senders put in headers).
    pub request: &'v Request<'a>,
    /// The body as a JSON object (parsed once, before any mapping).
    pub body: &'v Object<'a>,
    /// The body's text, as received.
    pub text: &'a str,
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

impl<'a> Mapped<'a> {
    /// The same fields owning their text (for a body converted from a form, which the event outlives).
    pub fn into_owned(self) -> Mapped<'static> {
        let own = |text: Option<Cow<'_, str>>| text.map(|t| Cow::Owned(t.into_owned()));
        Mapped {
            id: Cow::Owned(self.id.into_owned()),
            event_type: Cow::Owned(self.event_type.into_owned()),
            source_type: Cow::Owned(self.source_type.into_owned()),
            occurred_at: self.occurred_at,
            subject: Subject {
                kind: own(self.subject.kind),
                id: own(self.subject.id),
                reference: own(self.subject.reference),
            },
            status: Status { previous: own(self.status.previous), current: own(self.status.current) },
            test: self.test,
        }
    }

    /// The event, with the provider id, the payload (raw JSON text), and what the credential that
    /// verified it established (whether it signs a timestamp, the canonical digest of what it signs).
    pub fn into_event(self, provider: &'static str, data: Cow<'a, str>, verified: &Verified<'_>) -> crate::Event<'a> {
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
            replayable: verified.timestamp.is_none(),
            signed_digest: verified.digest.clone(),
        }
    }
}

/// The event id of a sender that defines none (WooCommerce, Sendcloud, Twilio…): `sha256:` and the
/// hex SHA-256 of the provider id, a NUL and the body as received, so the same delivery redelivered
/// gets the same id (the gateway's durable mode deduplicates on it) and any other body another.
pub fn digest_id(provider: &str, delivery: &Delivery<'_, '_>) -> Cow<'static, str> {
    Cow::Owned(format!("sha256:{}", crate::replay_digest(provider, delivery.request.body)))
}

/// The provider with this id.
pub fn find(id: &str) -> Option<&'static Provider> {
    // A call per comparison keeps the loop a loop: inlined, it is unrolled over every provider (1.5 KB).
    #[inline(never)]
    fn same(a: &str, b: &str) -> bool {
        a == b
    }
    PROVIDERS.iter().copied().find(|p| same(p.id, id))
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

// Natively only: it reads the source folder.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn every_file_in_this_folder_is_a_listed_provider() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/providers");
        let this = std::fs::read_to_string(dir.join("mod.rs")).unwrap();
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|entry| entry.unwrap().file_name().to_str()?.strip_suffix(".rs").map(str::to_owned))
            .filter(|name| name != "mod")
            .collect();
        files.sort();
        for name in &files {
            let module = if name == "loop" { "r#loop".to_owned() } else { name.clone() };
            assert!(this.contains(&format!("pub(crate) mod {module};")), "src/providers/{name}.rs is not a module");
            assert!(this.contains(&format!("    &{module}::PROVIDER,")), "src/providers/{name}.rs is not in PROVIDERS");
        }
        assert_eq!(PROVIDERS.len(), files.len());
        let ids: Vec<&str> = PROVIDERS.iter().map(|p| p.id).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(ids, sorted, "ids are unique and in order");
    }
}
