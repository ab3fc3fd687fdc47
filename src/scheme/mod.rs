//! Credential schemes: the shared pieces a provider picks from. Each is checked here once; a provider
//! file only names which ones it accepts, in order of preference.

pub mod bearer;
pub mod body_secret;
pub mod configured;
mod form;
mod keyed;
pub mod signature;
pub mod token;
pub mod url_token;

use std::borrow::Cow;

use crate::{Error, KeyKind, Options, Request};
pub use configured::HmacConfig;
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
    Signature(SignatureScheme<'static>),
    /// An HMAC signature header described by `Options::hmac` at run time (the generic provider).
    ConfiguredSignature,
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
    /// Hex SHA-256 of the signed bytes in canonical form, where the scheme leaves the form open (Twilio).
    pub digest: Option<String>,
}

impl Credential {
    /// Which option list this scheme's keys come from.
    pub fn key_kind(&self) -> KeyKind {
        match self {
            Credential::Bearer(key) | Credential::UrlToken { key, .. } => *key,
            Credential::BodySecret { .. } | Credential::Signature(_) | Credential::ConfiguredSignature => {
                KeyKind::Secret
            }
        }
    }

    /// Where the credential travels, for messages and the provider registry.
    pub fn place(&self) -> Cow<'static, str> {
        match self {
            Credential::Bearer(_) => "Authorization: Bearer header".into(),
            Credential::UrlToken { param, .. } => format!("`{param}` URL parameter").into(),
            Credential::BodySecret { path } => format!("`{}` field in the body", path.join(".")).into(),
            Credential::Signature(scheme) => format!("{} header", scheme.header[0]).into(),
            Credential::ConfiguredSignature => "configured signature header".into(),
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
    body: &Result<&'a str, Error>,
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
        (true, true) => "no secret or token is configured",
        (false, true) => "no token is configured",
        _ => "no secret is configured",
    }
}

/// `Ok(None)` when the request does not carry this credential.
fn try_credential<'a>(
    credential: &Credential,
    request: &Request<'a>,
    body: &Result<&'a str, Error>,
    options: &Options,
    now: i64,
) -> Result<Option<Verified<'a>>, Error> {
    let keys = options.keys(credential.key_kind());
    let to_verified = |signed: signature::Signed<'a>| Verified {
        credential: *credential,
        key_index: signed.key_index,
        timestamp: signed.timestamp,
        message_id: signed.id,
        redacted_body: None,
        digest: signed.digest,
    };
    let verified = |key_index| Verified {
        credential: *credential,
        key_index,
        timestamp: None,
        message_id: None,
        redacted_body: None,
        digest: None,
    };
    match credential {
        Credential::Bearer(_) => {
            let Some(presented) = bearer::presented(request)? else { return Ok(None) };
            let index = token::match_token(presented, keys).ok_or(Error::SignatureMismatch("bearer token"))?;
            Ok(Some(verified(index)))
        }
        Credential::UrlToken { param, .. } => {
            let Some(presented) = request.query_param(param)? else { return Ok(None) };
            let presented = wiped(presented);
            let index = token::match_token(&presented, keys).ok_or(Error::SignatureMismatch("token parameter"))?;
            Ok(Some(verified(index)))
        }
        Credential::BodySecret { path } => {
            let body = body.clone()?;
            let extracted = body_secret::extract(body, path)?;
            let Some(presented) = extracted.secret.map(wiped) else { return Ok(None) };
            let index = token::match_token(&presented, keys).ok_or(Error::SignatureMismatch("secret in the body"))?;
            // The secret must not reach the forwarded payload by another road (a copy in another field,
            // however its characters are escaped).
            if crate::json::any_string_contains(&extracted.redacted, &presented) {
                return Err(Error::InvalidPayload("the secret appears elsewhere in the payload".into()));
            }
            Ok(Some(Verified { redacted_body: Some(extracted.redacted), ..verified(index) }))
        }
        Credential::Signature(scheme) => {
            check_signature(scheme, request, options, now).map(|signed| signed.map(to_verified))
        }
        Credential::ConfiguredSignature => {
            let config = options.hmac.as_ref().ok_or(configured::INCOMPLETE)?;
            config
                .with_scheme(|scheme| check_signature(scheme, request, options, now))?
                .map(|signed| signed.map(to_verified))
        }
    }
}

/// A presented key, wiped when dropped: decoded from percent or JSON escapes it is a copy the input
/// buffer's zeroing does not reach.
fn wiped(presented: Cow<'_, str>) -> zeroize::Zeroizing<String> {
    zeroize::Zeroizing::new(presented.into_owned())
}

fn check_signature<'a>(
    scheme: &SignatureScheme<'_>,
    request: &Request<'a>,
    options: &Options,
    now: i64,
) -> Result<Option<signature::Signed<'a>>, Error> {
    let Some(header) = scheme.header_value(request)? else { return Ok(None) };
    let keys = options.keys(KeyKind::Secret);
    scheme.verify(request, header, keys, now, options.tolerance_seconds).map(Some)
}

/// What a sender signs a delivery with: the key for the provider's first credential (its secret or its
/// token), the time and message id where the scheme signs them, and the generic provider's scheme. Its
/// `Debug` redacts the keys.
#[derive(Clone, Copy, Default)]
pub struct Signing<'a> {
    /// The secret, for credentials keyed by `Options::secrets`.
    pub secret: Option<&'a str>,
    /// The token, for credentials keyed by `Options::tokens`.
    pub token: Option<&'a str>,
    /// Unix seconds, for schemes that sign a timestamp.
    pub timestamp: i64,
    /// The message id, for schemes that sign one.
    pub id: &'a str,
    /// The generic `hmac` provider's scheme.
    pub hmac: Option<&'a HmacConfig>,
}

impl std::fmt::Debug for Signing<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Signing")
            .field("secret", &self.secret.map(|_| "[REDACTED]"))
            .field("token", &self.token.map(|_| "[REDACTED]"))
            .field("timestamp", &self.timestamp)
            .field("id", &self.id)
            .field("hmac", &self.hmac)
            .finish()
    }
}

/// A delivery with its credential put where the provider sends it. It holds a key (a signature that
/// anyone could replay, a bearer, a URL token, a body secret): its `Debug` shows none of it, and its
/// memory is wiped when it is dropped.
#[derive(Clone, PartialEq, Eq)]
pub struct SignedDelivery {
    /// Headers to add: a signature with its timestamp and id headers, or a bearer token; else none.
    pub headers: Vec<(String, String)>,
    /// Where to send it: the URL given, with the `?token=` parameter for URL-token credentials.
    pub url: String,
    /// The body to send when the credential travels inside it (Baback's `data.secret`); `None`: as given.
    pub body: Option<String>,
}

impl std::fmt::Debug for SignedDelivery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.headers.iter().map(|(name, _)| name.as_str()).collect();
        f.debug_struct("SignedDelivery")
            .field("headers", &names)
            .field("url", &"[REDACTED]")
            .field("body", &self.body.as_ref().map(|_| "[REDACTED]"))
            .finish()
    }
}

impl Drop for SignedDelivery {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        for (_, value) in &mut self.headers {
            value.zeroize();
        }
        self.url.zeroize();
        self.body.zeroize();
    }
}

/// Puts a credential on a delivery the way a sender does, by the first of `credentials`: signature or
/// bearer headers, the URL parameter, or the secret field inside the JSON body. For tests, samples, the
/// CLI and the inspector's sign mode; `missing_secret` when the key it needs is not given.
pub fn sign_delivery(
    credentials: &[Credential],
    body: &[u8],
    url: &str,
    signing: &Signing<'_>,
) -> Result<SignedDelivery, Error> {
    let Some(first) = credentials.first() else { return Err(Error::UnknownProvider) };
    let key = match first.key_kind() {
        KeyKind::Secret => signing.secret,
        KeyKind::Token => signing.token,
    };
    let key = key.filter(|key| !key.is_empty()).ok_or(Error::MissingSecret(missing_secret_name(&credentials[..1])))?;
    let mut signed = SignedDelivery { headers: Vec::new(), url: url.to_owned(), body: None };
    match first {
        Credential::UrlToken { param, .. } => signed.url = url_token::place(url, param, key),
        Credential::BodySecret { path } => {
            let text = std::str::from_utf8(body).map_err(|e| crate::json::error_at(body, e.valid_up_to()))?;
            signed.body = Some(body_secret::place(text, path, key)?);
        }
        Credential::Signature(scheme) if scheme.signed == SignedString::UrlForm && !body.starts_with(b"{") => {
            signed.headers = sign_headers(&credentials[..1], key, body, signing.timestamp, signing.id, url, None)?;
        }
        // A JSON body to Twilio: the URL names the body's SHA-256, and the signature covers the URL.
        Credential::Signature(scheme) if scheme.signed == SignedString::UrlForm => {
            use sha2::Digest;
            let separator = if url.contains('?') { '&' } else { '?' };
            signed.url = format!("{url}{separator}bodySHA256={}", hex::encode(sha2::Sha256::digest(body)));
            signed.headers =
                sign_headers(&credentials[..1], key, body, signing.timestamp, signing.id, &signed.url, None)?;
        }
        Credential::Bearer(_) | Credential::Signature(_) | Credential::ConfiguredSignature => {
            signed.headers =
                sign_headers(&credentials[..1], key, body, signing.timestamp, signing.id, url, signing.hmac)?;
        }
    }
    Ok(signed)
}

/// The headers a sender would add to `body` for the first of `credentials` that travels in headers:
/// a signature (with its timestamp and id headers where they are signed) or a bearer token. Empty when
/// the credential travels in the URL or the body.
#[allow(clippy::too_many_arguments)] // what a sender signs: each is one part of the delivery
pub fn sign_headers(
    credentials: &[Credential],
    secret: &str,
    body: &[u8],
    timestamp: i64,
    id: &str,
    url: &str,
    hmac: Option<&HmacConfig>,
) -> Result<Vec<(String, String)>, Error> {
    for credential in credentials {
        match credential {
            Credential::Signature(scheme) => return signature_headers(scheme, secret, body, timestamp, id, url),
            Credential::ConfiguredSignature => {
                let config = hmac.ok_or(configured::INCOMPLETE)?;
                return config.with_scheme(|scheme| signature_headers(scheme, secret, body, timestamp, id, url))?;
            }
            Credential::Bearer(_) => return Ok(vec![("Authorization".into(), format!("Bearer {secret}"))]),
            Credential::UrlToken { .. } | Credential::BodySecret { .. } => {}
        }
    }
    Ok(Vec::new())
}

fn signature_headers(
    scheme: &SignatureScheme<'_>,
    secret: &str,
    body: &[u8],
    timestamp: i64,
    id: &str,
    url: &str,
) -> Result<Vec<(String, String)>, Error> {
    let mut headers = vec![(scheme.header[0].to_owned(), scheme.sign_at(secret, Some(id), timestamp, url, body)?)];
    let timestamp_inline = matches!(scheme.format, HeaderFormat::KeyValue { .. });
    if scheme.signed.signs_timestamp() && !timestamp_inline {
        headers.push((scheme.timestamp_header[0].to_owned(), scheme.timestamp_text(timestamp)?));
    }
    if scheme.signed.signs_id() {
        headers.push((scheme.id_header[0].to_owned(), id.to_owned()));
    }
    Ok(headers)
}
