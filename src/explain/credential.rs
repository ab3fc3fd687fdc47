//! The credential steps of an explanation: which credential the delivery carries, its timestamp's age,
//! which configured key matched, and on a mismatch what the likely cause is (`cause.rs`).

use std::borrow::Cow;

use subtle::ConstantTimeEq;

use super::{cause, count, step, Findings, Reveal, Signing, Status, Step, Timestamp};
use crate::declaration::{Credential, Declaration, Hmac};
use crate::delivery::Delivery;
use crate::scheme::mac::Key;
use crate::scheme::signature::{as_slices, Presented};
use crate::scheme::{bearer, body_secret, configured_scheme, hmac_place, place, token};
use crate::{KeyKind, Options, Request, Secret};

/// Whether a key, a timestamp text and a body give one of the presented signatures.
pub type Matcher<'m> = dyn Fn(&[u8], &str, &[u8]) -> bool + 'm;

#[allow(clippy::too_many_arguments)] // the explanation's state, threaded through one walk
pub fn credential_steps(
    steps: &mut Vec<Step>,
    findings: &mut Findings,
    declaration: &Declaration,
    name: &str,
    request: &Request<'_>,
    options: &Options,
    now: i64,
    reveal: Reveal,
) {
    let secrets = options.keys(KeyKind::Secret).count();
    let tokens = options.keys(KeyKind::Token).count();
    let configured = format!("{} and {} configured", count(secrets, "secret"), count(tokens, "token"));
    if declaration.credentials.iter().any(|c| options.keys(c.key_kind()).next().is_some()) {
        step(steps, "Configuration", Status::Info, configured);
    } else {
        // Say which option this provider reads, so a value given in the other one is not a mystery.
        let mut wanted: Vec<&str> = Vec::new();
        for credential in &declaration.credentials {
            let kind = if credential.key_kind() == KeyKind::Secret { "`secret`" } else { "`token`" };
            if !wanted.contains(&kind) {
                wanted.push(kind);
            }
        }
        let empty = if wanted.len() > 1 { "both are empty" } else { "it is empty" };
        let detail = format!(
            "{configured}: {name} reads its key from {} and {empty}, so nothing can be checked",
            wanted.join(" or ")
        );
        return step(steps, "Configuration", Status::Fail, detail);
    }
    let delivery = Delivery::new(request);
    for credential in &declaration.credentials {
        let keys = options.keys(credential.key_kind());
        let place = place(credential, options);
        match credential {
            Credential::Hmac(hmac) => {
                if signature_steps(steps, findings, hmac, &delivery, options, now, reveal) {
                    return;
                }
                step(steps, "Credential", Status::Info, format!("no {place}"));
            }
            Credential::Configured => match options.hmac.as_deref().map(configured_scheme) {
                Some(Ok(hmac)) => {
                    if signature_steps(steps, findings, &hmac, &delivery, options, now, reveal) {
                        return;
                    }
                    step(steps, "Credential", Status::Info, "no configured signature header");
                }
                Some(Err(error)) => step(steps, "Configuration", Status::Fail, error.to_string()),
                None => {
                    step(steps, "Configuration", Status::Fail, "the `hmac` option (the sender's scheme) is missing")
                }
            },
            Credential::Bearer { .. } => match bearer::presented(request) {
                Ok(Some(presented)) => return token_steps(steps, &place, presented, keys),
                Ok(None) => step(steps, "Credential", Status::Info, format!("no {place}")),
                Err(error) => return step(steps, "Credential", Status::Fail, error.to_string()),
            },
            Credential::UrlToken { param, .. } => match request.query_param(param) {
                Ok(Some(presented)) => return token_steps(steps, &place, &presented, keys),
                Ok(None) => step(steps, "Credential", Status::Info, format!("no {place}")),
                Err(error) => return step(steps, "Credential", Status::Fail, error.to_string()),
            },
            Credential::BodySecret { path } => {
                let Ok(body) = std::str::from_utf8(request.body) else { return };
                let path: Vec<&str> = path.iter().map(String::as_str).collect();
                match body_secret::extract(body, &path) {
                    Ok(extracted) => match extracted.secret {
                        Some(presented) => return token_steps(steps, &place, &presented, keys),
                        None => step(steps, "Credential", Status::Fail, format!("no {place}")),
                    },
                    Err(error) => return step(steps, "Credential", Status::Fail, error.to_string()),
                }
            }
        }
    }
}

fn token_steps<'s>(
    steps: &mut Vec<Step>,
    place: &str,
    presented: &str,
    keys: impl Iterator<Item = &'s Secret> + Clone,
) {
    let count = keys.clone().count();
    match token::match_token(presented, keys.clone()) {
        Some(index) => {
            step(steps, "Match", Status::Pass, format!("the {place} matches configured key #{} of {count}", index + 1))
        }
        None => {
            step(steps, "Credential", Status::Info, format!("{place}: {} characters", presented.chars().count()));
            // Every comparison here is constant time, as in `verify`: explain() may run on live traffic.
            let trimmed_keys: Vec<Secret> = keys.clone().map(|k| Secret::new(k.expose().trim())).collect();
            let trimmed = token::match_token(presented.trim(), keys.clone()).is_some()
                || (!presented.is_empty() && token::match_token(presented, trimmed_keys.iter()).is_some());
            let lowered_keys: Vec<Secret> =
                keys.clone().map(|k| Secret::new(k.expose().to_ascii_lowercase())).collect();
            let cased = token::match_token(&presented.to_ascii_lowercase(), lowered_keys.iter()).is_some();
            let cause = if trimmed {
                "matches once surrounding whitespace is removed: check the configured value for spaces or a newline"
            } else if cased {
                "matches except for letter case: tokens are case-sensitive"
            } else {
                "matches no configured key: the sender uses another token, or this is not the sender"
            };
            step(steps, "Match", Status::Fail, format!("the {place} {cause}"));
        }
    }
}

/// The steps of a signature, when the delivery carries one (true); false when it carries none.
fn signature_steps(
    steps: &mut Vec<Step>,
    findings: &mut Findings,
    hmac: &Hmac,
    delivery: &Delivery<'_, '_>,
    options: &Options,
    now: i64,
    reveal: Reveal,
) -> bool {
    let request = delivery.request;
    let presented = match hmac.presented(delivery) {
        Ok(Some(presented)) => presented,
        Ok(None) => return false,
        Err(error) => {
            step(steps, "Credential", Status::Info, format!("{} found: {}", hmac_place(hmac), hmac.describe()));
            let raw = hmac.headers.iter().find_map(|name| request.header(name)).unwrap_or_default();
            step(steps, "Signature", Status::Fail, format!("{error}{}", cause::encoding_hint(hmac, raw)));
            return true;
        }
    };
    step(steps, "Credential", Status::Info, format!("{} found: {}", hmac_place(hmac), hmac.describe()));
    if let Some((_, t)) = presented.timestamp {
        let age = now.saturating_sub(t);
        findings.timestamp = Some(Timestamp { signed: t, age, tolerance: options.tolerance_seconds });
        let within = now.abs_diff(t) <= options.tolerance_seconds;
        let when = if age >= 0 { format!("{age} s old") } else { format!("{} s in the future", age.unsigned_abs()) };
        let verdict = if within { "within" } else { "outside" };
        step(
            steps,
            "Timestamp",
            if within { Status::Pass } else { Status::Fail },
            format!("t={t}: {when}, {verdict} the tolerance of {} s", options.tolerance_seconds),
        );
    }
    step(
        steps,
        "Signature",
        Status::Info,
        format!("{} of the expected length", count(presented.signatures.len(), "signature")),
    );
    let keys: Vec<(usize, Key<'_>)> = options
        .keys(KeyKind::Secret)
        .enumerate()
        .filter_map(|(i, s)| hmac.key.key_bytes(s.expose()).ok().map(|k| (i, k)))
        .collect();
    let urls = match hmac.signed_urls(request) {
        Ok(urls) => urls,
        Err(error) => {
            step(steps, "Signature", Status::Fail, error.to_string());
            return true;
        }
    };
    let url: &str = &urls[0];
    let timestamp_text: &str = presented.timestamp.as_ref().map_or("", |(text, _)| text);
    if reveal == Reveal::Signing {
        findings.signing = signing(hmac, delivery, url, &presented, &keys);
    }
    let matches = |key: &[u8], timestamp: &str, body: &[u8]| {
        let variant = Request { body, ..*request };
        let variant = Delivery::new(&variant);
        let Ok(pieces) = hmac.signed_pieces(&variant, url, timestamp, presented.id) else { return false };
        let tag = hmac.algorithm.mac(key, &as_slices(&pieces));
        // Constant time even here: explain() may run on live traffic, and must not become a MAC oracle.
        presented.signatures.iter().any(|s| bool::from(s.as_slice().ct_eq(&tag)))
    };
    if let Some((index, _)) = keys.iter().find(|(_, key)| matches(key, timestamp_text, request.body)) {
        let count = options.keys(KeyKind::Secret).count();
        step(
            steps,
            "Match",
            Status::Pass,
            format!("the signature matches configured secret #{} of {count}", index + 1),
        );
        return true;
    }
    if keys.is_empty() {
        step(steps, "Match", Status::Fail, "no configured secret is a key this scheme can use");
        return true;
    }
    // No part of an expected signature unless asked for: it is the MAC of a body the caller chose.
    let detail = if reveal == Reveal::Signing {
        "the signature matches no configured secret; what each would sign is listed with the signed string".to_owned()
    } else {
        let count = options.keys(KeyKind::Secret).count();
        let got = hmac.encoding.encode(&presented.signatures[0]);
        format!("the signature {}… matches none of the {count} configured secrets", cause::prefix(&got))
    };
    step(steps, "Match", Status::Fail, detail);
    let cause = cause::likely_cause(findings, hmac, request, options, &presented, &keys, &matches);
    step(steps, "Likely cause", Status::Fail, cause);
    true
}

/// The signed string and each configured secret's signature over it.
fn signing(
    hmac: &Hmac,
    delivery: &Delivery<'_, '_>,
    url: &str,
    presented: &Presented<'_>,
    keys: &[(usize, Key<'_>)],
) -> Option<Signing> {
    let timestamp: &str = presented.timestamp.as_ref().map_or("", |(text, _)| text);
    let pieces = hmac.signed_pieces(delivery, url, timestamp, presented.id).ok()?;
    let signed: Vec<u8> = pieces.iter().flat_map(|piece| piece.iter().copied()).collect();
    // The header a sender would write: the received timestamp text (as signed) beside each signature.
    let expected = keys
        .iter()
        .map(|(_, key)| {
            let signature = hmac.encoding.encode(&hmac.algorithm.mac(key, &as_slices(&pieces)));
            let header = hmac.header_with(timestamp, &signature);
            (signature, header)
        })
        .collect();
    Some(Signing {
        scheme: hmac.describe(),
        signed: String::from_utf8_lossy(&signed).into_owned(),
        signed_bytes: signed.len(),
        presented: presented.signatures.iter().map(|s| hmac.encoding.encode(s)).collect(),
        expected,
    })
}

/// A provider's name for the steps: its declared `name`, else its id.
pub fn name_of(declaration: &Declaration) -> Cow<'_, str> {
    declaration.name.as_deref().map_or(Cow::Borrowed(declaration.id.as_str()), Cow::Borrowed)
}
