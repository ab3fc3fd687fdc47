//! The provider registry. A provider is one file in this folder: an id, the credential schemes it
//! accepts (from [`crate::scheme`]) and a mapping from its payload to the normalized event.
//! `build.rs` lists the files, so a new provider is a new file and nothing else.

use std::borrow::Cow;

use crate::json::{push_optional_string, push_string, Object};
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

/// Every provider as a JSON array of
/// `{id, name, docsUrl, secretFormat, events, credentials: [{scheme, option, place, headers?, signature?, param?, path?}]}`.
///
/// Written by hand, as the event is: serde's serializer cost the wasm module ~6 KB for a list of fixed strings.
pub fn registry_json() -> String {
    let mut out = String::from("[");
    for (index, provider) in PROVIDERS.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        provider.describe(&mut out);
    }
    out.push(']');
    out
}

impl Provider {
    fn describe(&self, out: &mut String) {
        out.push_str("{\"id\":");
        push_string(out, self.id);
        out.push_str(",\"name\":");
        push_string(out, self.name);
        out.push_str(",\"docsUrl\":");
        push_optional_string(out, self.docs_url);
        out.push_str(",\"secretFormat\":");
        push_string(out, self.secret_format);
        out.push_str(",\"events\":");
        push_string(out, self.events);
        out.push_str(",\"credentials\":[");
        for (index, credential) in self.credentials.iter().enumerate() {
            if index > 0 {
                out.push(',');
            }
            describe_credential(credential, out);
        }
        out.push_str("]}");
    }
}

/// `{scheme, option, place, headers?, signature?, param?, path?}`: the optional members only where they apply.
fn describe_credential(credential: &Credential, out: &mut String) {
    out.push_str(match credential {
        Credential::Bearer(_) => "{\"scheme\":\"bearer\"",
        Credential::UrlToken { .. } => "{\"scheme\":\"url-token\"",
        Credential::BodySecret { .. } => "{\"scheme\":\"body-secret\"",
        Credential::Signature(_) | Credential::ConfiguredSignature => "{\"scheme\":\"hmac\"",
    });
    out.push_str(",\"option\":");
    push_string(out, credential.key_kind().option_name());
    out.push_str(",\"place\":");
    push_string(out, &credential.place());
    match credential {
        Credential::Signature(scheme) => {
            out.push_str(",\"headers\":");
            push_strings(out, scheme.header.iter().chain(scheme.timestamp_header).chain(scheme.id_header).copied());
            out.push_str(",\"signature\":");
            push_string(out, &scheme.describe());
        }
        Credential::UrlToken { param, .. } => {
            out.push_str(",\"param\":");
            push_string(out, param);
        }
        Credential::BodySecret { path } => {
            out.push_str(",\"path\":");
            push_strings(out, path.iter().copied());
        }
        Credential::Bearer(_) | Credential::ConfiguredSignature => {}
    }
    out.push('}');
}

fn push_strings<'s>(out: &mut String, items: impl Iterator<Item = &'s str>) {
    out.push('[');
    for (index, item) in items.enumerate() {
        if index > 0 {
            out.push(',');
        }
        push_string(out, item);
    }
    out.push(']');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_registry_is_json_with_each_scheme_s_own_members() {
        let registry: serde_json::Value = serde_json::from_str(&registry_json()).unwrap();
        let providers = registry.as_array().unwrap();
        assert_eq!(providers.len(), PROVIDERS.len());
        for (described, provider) in providers.iter().zip(PROVIDERS) {
            assert_eq!(described["id"], provider.id);
            assert_eq!(described["events"], provider.events);
            assert_eq!(described["docsUrl"].as_str(), provider.docs_url);
            for credential in described["credentials"].as_array().unwrap() {
                let mut members: Vec<&str> = credential.as_object().unwrap().keys().map(String::as_str).collect();
                members.sort_unstable();
                let expected: &[&str] = match credential["scheme"].as_str().unwrap() {
                    "bearer" => &["option", "place", "scheme"],
                    "url-token" => &["option", "param", "place", "scheme"],
                    "body-secret" => &["option", "path", "place", "scheme"],
                    _ if credential["place"] == "configured signature header" => &["option", "place", "scheme"],
                    _ => &["headers", "option", "place", "scheme", "signature"],
                };
                assert_eq!(members, expected, "{}", provider.id);
            }
        }
    }
}
