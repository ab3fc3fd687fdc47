//! The provider registry as JSON for the JS side (`providers()` in the package): what the README's tables,
//! the inspector, the CLI, the gateway and the TypeScript types are made from. Everything in it comes
//! from the declarations (`src/providers/*.json`): their prose as written, and what each credential and
//! field says, in words.

use crate::declaration::{Condition, Credential, Declaration, Field, Mapping, TimestampAt};
use crate::json::{push_optional_string, push_string, Object};
use crate::providers::CATALOG;
use crate::scheme::signature::template_text;
use crate::KeyKind;

/// Every built-in provider as a JSON array of `{id, name, docsUrl, secretFormat, events, sends, handshake,
/// credentials: [{scheme, option, place, headers?, signature?, param?, path?, normalize?, signsUrl?}]}`.
pub fn json() -> String {
    let mut out = String::from("[");
    for (index, ((_, text), declaration)) in CATALOG.iter().zip(crate::providers::all()).enumerate() {
        if index > 0 {
            out.push(',');
        }
        describe(text, &declaration, &mut out);
    }
    out.push(']');
    out
}

fn describe(text: &str, declaration: &Declaration, out: &mut String) {
    let prose = Object::parse(text).ok();
    let said =
        |key: &str| prose.as_ref().and_then(|object| object.str(key).ok().flatten()).map(|text| text.into_owned());
    out.push_str("{\"id\":");
    push_string(out, &declaration.id);
    out.push_str(",\"name\":");
    push_string(out, &said("name").unwrap_or_else(|| declaration.id.clone()));
    out.push_str(",\"docsUrl\":");
    push_optional_string(out, said("docs").as_deref());
    out.push_str(",\"secretFormat\":");
    push_string(out, &said("secretFormat").unwrap_or_default());
    out.push_str(",\"events\":");
    push_string(out, &events(declaration));
    // The headers a sender sends besides its credential, `{id}` and `{time}` standing for the delivery's.
    out.push_str(",\"sends\":");
    out.push_str(prose.as_ref().and_then(|object| object.raw("sends")).unwrap_or("{}"));
    out.push_str(",\"handshake\":");
    push_optional_string(out, declaration.handshake.as_deref());
    out.push_str(",\"credentials\":[");
    for (index, credential) in declaration.credentials.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        describe_credential(credential, out);
    }
    out.push_str("]}");
}

/// `{scheme, option, place, …}`: the optional members only where they apply.
fn describe_credential(credential: &Credential, out: &mut String) {
    out.push_str(match credential {
        Credential::Bearer { .. } => "{\"scheme\":\"bearer\"",
        Credential::UrlToken { .. } => "{\"scheme\":\"url-token\"",
        Credential::BodySecret { .. } => "{\"scheme\":\"body-secret\"",
        Credential::Hmac(_) | Credential::Configured => "{\"scheme\":\"hmac\"",
    });
    out.push_str(",\"option\":");
    push_string(out, if credential.key_kind() == KeyKind::Secret { "secret" } else { "token" });
    out.push_str(",\"place\":");
    push_string(out, &crate::scheme::place(credential, &crate::Options::default()));
    match credential {
        Credential::Hmac(hmac) => {
            let mut names: Vec<&str> = hmac.headers.iter().map(String::as_str).collect();
            if let TimestampAt::Header(timestamp) = &hmac.timestamp {
                names.extend(timestamp.iter().map(String::as_str));
            }
            names.extend(hmac.id_headers.iter().map(String::as_str));
            out.push_str(",\"headers\":");
            push_strings(out, names.into_iter());
            out.push_str(",\"signature\":");
            push_string(out, &hmac.describe());
            // How the secret becomes the key, where it is not used as given.
            match hmac.key {
                crate::declaration::KeyFormat::Utf8 => {}
                crate::declaration::KeyFormat::Whsec => out.push_str(",\"key\":\"whsec\""),
                crate::declaration::KeyFormat::Hex => out.push_str(",\"key\":\"hex\""),
                crate::declaration::KeyFormat::Nfkd => out.push_str(",\"key\":\"nfkd\",\"normalize\":\"NFKD\""),
            }
            if hmac.signs_url() {
                out.push_str(",\"signsUrl\":true");
            }
        }
        Credential::UrlToken { param, .. } => {
            out.push_str(",\"param\":");
            push_string(out, param);
        }
        Credential::BodySecret { path } => {
            out.push_str(",\"path\":");
            push_strings(out, path.iter().map(String::as_str));
        }
        Credential::Bearer { .. } | Credential::Configured => {}
    }
    out.push('}');
}

/// How deliveries map to the event, in words made from the mappings themselves.
fn events(declaration: &Declaration) -> String {
    let several = declaration.event.len() > 1;
    let described: Vec<String> = declaration
        .event
        .iter()
        .map(|mapping| {
            let fields = mapping_fields(mapping);
            match (&mapping.when, several) {
                (Some(when), _) => format!("when {}: {fields}", condition(when)),
                (None, true) => format!("otherwise: {fields}"),
                (None, false) => fields,
            }
        })
        .collect();
    described.join("; ")
}

fn mapping_fields(mapping: &Mapping) -> String {
    let named = [
        ("id", &mapping.id),
        ("type", &mapping.event_type),
        ("sourceType", &mapping.source_type),
        ("occurredAt", &mapping.occurred_at),
        ("subject.type", &mapping.subject[0]),
        ("subject.id", &mapping.subject[1]),
        ("subject.reference", &mapping.subject[2]),
        ("status.previous", &mapping.status[0]),
        ("status.current", &mapping.status[1]),
        ("test", &mapping.test),
    ];
    let parts: Vec<String> = named
        .iter()
        .filter_map(|(name, field)| field.as_ref().map(|field| format!("{name} {}", field_text(field))))
        .collect();
    if parts.is_empty() {
        "id the signed id or a digest, type `unknown`".into()
    } else {
        parts.join(", ")
    }
}

fn field_text(field: &Field) -> String {
    match field {
        Field::Template(template) => format!("`{}`", template_text(template)),
        Field::FirstOf(fields) => fields.iter().map(field_text).collect::<Vec<_>>().join(" else "),
        Field::Transform(transform) => {
            let mut text = field_text(&transform.from);
            if transform.strip_prefix.is_some() || transform.split.is_some() || transform.lower {
                text.push_str(" (transformed)");
            }
            if !transform.map.is_empty() {
                text.push_str(&format!(" mapped by {} patterns", transform.map.len()));
            }
            if transform.when.is_some() {
                text.push_str(" when present");
            }
            text
        }
    }
}

fn condition(condition: &Condition) -> String {
    match condition {
        Condition::Present(template) => format!("`{}` is there", template_text(template)),
        Condition::Matches(list) => list
            .iter()
            .map(|(template, pattern)| format!("`{}` is `{pattern}`", template_text(template)))
            .collect::<Vec<_>>()
            .join(" and "),
    }
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
        assert_eq!(providers.len(), CATALOG.len());
        for (described, (id, _)) in providers.iter().zip(CATALOG) {
            assert_eq!(described["id"], *id);
            assert!(described["name"].as_str().is_some_and(|name| !name.is_empty()), "{id}");
            for credential in described["credentials"].as_array().unwrap() {
                let members: Vec<&str> = credential.as_object().unwrap().keys().map(String::as_str).collect();
                let required: &[&str] = match credential["scheme"].as_str().unwrap() {
                    "bearer" => &["option", "place", "scheme"],
                    "url-token" => &["option", "param", "place", "scheme"],
                    "body-secret" => &["option", "path", "place", "scheme"],
                    _ if credential["place"] == "configured signature header" => &["option", "place", "scheme"],
                    _ => &["headers", "option", "place", "scheme", "signature"],
                };
                for member in required {
                    assert!(members.contains(member), "{id}: {member}");
                }
            }
        }
    }
}
