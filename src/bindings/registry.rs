//! The provider registry as JSON for the JS side (`providers()` in the package): what the README's
//! tables, the inspector, the CLI and the TypeScript types are made from.

use crate::json::{push_optional_string, push_string};
use crate::providers::PROVIDERS;
use crate::scheme::Credential;
use crate::{KeyKind, Provider};

/// The option a JS user sets for a kind of key.
fn option_name(kind: KeyKind) -> &'static str {
    match kind {
        KeyKind::Secret => "secret",
        KeyKind::Token => "token",
    }
}

/// Every provider as a JSON array of
/// `{id, name, docsUrl, secretFormat, events, credentials: [{scheme, option, place, headers?, signature?, param?, path?}]}`.
///
/// Written by hand, as the event is: serde's serializer cost the wasm module ~6 KB for a list of fixed strings.
pub fn json() -> String {
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
        push_string(out, self.about.name);
        out.push_str(",\"docsUrl\":");
        push_optional_string(out, self.about.docs_url);
        out.push_str(",\"secretFormat\":");
        push_string(out, self.about.secret_format);
        out.push_str(",\"events\":");
        push_string(out, self.about.events);
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
    push_string(out, option_name(credential.key_kind()));
    out.push_str(",\"place\":");
    push_string(out, &credential.place());
    match credential {
        Credential::Signature(scheme) => {
            out.push_str(",\"headers\":");
            push_strings(out, scheme.header.iter().chain(scheme.timestamp_header).chain(scheme.id_header).copied());
            out.push_str(",\"signature\":");
            push_string(out, &scheme.describe());
            if scheme.key == crate::scheme::KeyFormat::Nfkd {
                out.push_str(",\"normalize\":\"NFKD\"");
            }
            if scheme.signed.signs_url() {
                out.push_str(",\"signsUrl\":true");
            }
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
    // Compiled to wasm32 (scripts/test.sh), these run under wasm-bindgen-test-runner in Node.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn the_registry_is_json_with_each_scheme_s_own_members() {
        let registry: serde_json::Value = serde_json::from_str(&json()).unwrap();
        let providers = registry.as_array().unwrap();
        assert_eq!(providers.len(), PROVIDERS.len());
        for (described, provider) in providers.iter().zip(PROVIDERS) {
            assert_eq!(described["id"], provider.id);
            assert_eq!(described["events"], provider.about.events);
            assert_eq!(described["docsUrl"].as_str(), provider.about.docs_url);
            for credential in described["credentials"].as_array().unwrap() {
                let mut members: Vec<&str> = credential.as_object().unwrap().keys().map(String::as_str).collect();
                members.sort_unstable();
                let expected: &[&str] = match credential["scheme"].as_str().unwrap() {
                    "bearer" => &["option", "place", "scheme"],
                    "url-token" => &["option", "param", "place", "scheme"],
                    "body-secret" => &["option", "path", "place", "scheme"],
                    _ if credential["place"] == "configured signature header" => &["option", "place", "scheme"],
                    _ if credential["normalize"] == "NFKD" => {
                        &["headers", "normalize", "option", "place", "scheme", "signature"]
                    }
                    _ if credential["signsUrl"] == true => &["headers", "option", "place", "scheme", "signature", "signsUrl"],
                    _ => &["headers", "option", "place", "scheme", "signature"],
                };
                assert_eq!(members, expected, "{}", provider.id);
            }
        }
    }
}
