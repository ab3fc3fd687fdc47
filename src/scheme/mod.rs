//! Credential schemes: the shared pieces a provider picks from. Each is checked here once; a provider
//! file only names which ones it accepts, in order of preference.

pub mod bearer;
pub mod body_secret;
pub mod signature;
pub mod token;

use std::borrow::Cow;

use crate::{Error, KeyKind, Options, Request};
pub use signature::{Algorithm, Encoding, HeaderFormat, KeyFormat, SignatureScheme, SignedString};

/// One way a provider authenticates a delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credential {
    /// `Authorization: Bearer <key>`; the key is compared in constant time.
    Bearer(KeyKind),
    /// A URL query parameter holding the key, e.g. `?token=…`.
    UrlToken {
        /// The parameter name.
        param: &'static str,
        /// Which option list holds the key.
        key: KeyKind,
    },
    /// A string field inside the JSON body holding the key; it is removed from the forwarded payload.
    BodySecret {
        /// Object keys leading to the field, e.g. `["data", "secret"]`.
        path: &'static [&'static str],
    },
    /// An HMAC signature header.
    Signature(SignatureScheme),
}

/// What authenticating a delivery established.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified<'a> {
    /// The credential scheme that was used.
    pub credential: Credential,
    /// Which configured key matched (position among the non-empty ones of its kind).
    pub key_index: usize,
    /// The signed timestamp, for signature schemes.
    pub timestamp: Option<i64>,
    /// The signed message id, for schemes that sign one.
    pub message_id: Option<&'a str>,
    /// The body with its secret removed, for body-secret schemes.
    pub redacted_body: Option<String>,
}

impl Credential {
    /// Which option list this scheme's keys come from.
    pub fn key_kind(&self) -> KeyKind {
        match self {
            Credential::Bearer(key) | Credential::UrlToken { key, .. } => *key,
            Credential::BodySecret { .. } | Credential::Signature(_) => KeyKind::Secret,
        }
    }

    /// Where the credential travels, for messages and the provider registry.
    pub fn place(&self) -> Cow<'static, str> {
        match self {
            Credential::Bearer(_) => "Authorization: Bearer header".into(),
            Credential::UrlToken { param, .. } => format!("`{param}` URL parameter").into(),
            Credential::BodySecret { path } => format!("`{}` field in the body", path.join(".")).into(),
            Credential::Signature(scheme) => format!("{} header", scheme.header[0]).into(),
        }
    }
}

/// Authenticates `request` with the first of `credentials` that is configured and present.
///
/// Fails closed: with no key configured for any scheme the answer is `missing_secret`, whatever the
/// request carries. Once a configured credential is presented it decides; a failing signature never
/// falls back to a weaker scheme.
pub fn authenticate<'a>(
    credentials: &[Credential],
    request: &Request<'a>,
    body: Option<&'a str>,
    options: &Options,
    now: i64,
) -> Result<Verified<'a>, Error> {
    let mut configured = credentials.iter().filter(|c| options.keys(c.key_kind()).next().is_some()).peekable();
    let Some(first) = configured.peek().copied() else {
        return Err(Error::MissingSecret(missing_secret_name(credentials)));
    };
    for credential in configured {
        if let Some(verified) = try_credential(credential, request, body, options, now)? {
            return Ok(verified);
        }
    }
    Err(Error::MissingSignature(first.place()))
}

fn missing_secret_name(credentials: &[Credential]) -> &'static str {
    let secret = credentials.iter().any(|c| c.key_kind() == KeyKind::Secret);
    let token = credentials.iter().any(|c| c.key_kind() == KeyKind::Token);
    match (secret, token) {
        (true, true) => "secret or token",
        (false, true) => "token",
        _ => "secret",
    }
}

/// `Ok(None)` when the request does not carry this credential.
fn try_credential<'a>(
    credential: &Credential,
    request: &Request<'a>,
    body: Option<&'a str>,
    options: &Options,
    now: i64,
) -> Result<Option<Verified<'a>>, Error> {
    let keys = options.keys(credential.key_kind());
    let verified = |key_index| Verified {
        credential: *credential,
        key_index,
        timestamp: None,
        message_id: None,
        redacted_body: None,
    };
    match credential {
        Credential::Bearer(_) => {
            let Some(presented) = bearer::presented(request)? else { return Ok(None) };
            let index = token::match_token(presented, keys).ok_or(Error::SignatureMismatch("bearer token"))?;
            Ok(Some(verified(index)))
        }
        Credential::UrlToken { param, .. } => {
            let Some(presented) = request.query_param(param)? else { return Ok(None) };
            let index = token::match_token(&presented, keys).ok_or(Error::SignatureMismatch("token parameter"))?;
            Ok(Some(verified(index)))
        }
        Credential::BodySecret { path } => {
            let body = body.ok_or(Error::InvalidJson { line: 1, column: 1 })?;
            let extracted = body_secret::extract(body, path)?;
            let Some(presented) = extracted.secret else { return Ok(None) };
            let index = token::match_token(&presented, keys).ok_or(Error::SignatureMismatch("secret in the body"))?;
            // The secret must not reach the forwarded payload by another road (a copy in another field).
            if extracted.redacted.contains(presented.as_ref()) {
                return Err(Error::InvalidPayload("the secret appears elsewhere in the payload".into()));
            }
            Ok(Some(Verified { redacted_body: Some(extracted.redacted), ..verified(index) }))
        }
        Credential::Signature(scheme) => {
            let Some(header) = scheme.header_value(request)? else { return Ok(None) };
            let signed = scheme.verify(request, header, keys, now, options.tolerance_seconds)?;
            Ok(Some(Verified {
                timestamp: Some(signed.timestamp),
                message_id: signed.id,
                ..verified(signed.key_index)
            }))
        }
    }
}
