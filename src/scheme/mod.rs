//! Authenticating a delivery with a provider's declared credentials, and putting a credential on a
//! delivery as its sender does. The mechanics live in small modules beside this one: the MAC and keys
//! (`mac`), HMAC signatures (`signature`), the URL (`url`), rewritten signed strings (`form`,
//! `contentful`), bearer and URL tokens, secrets in the body.

pub mod bearer;
pub mod body_secret;
mod contentful;
pub mod form;
pub mod mac;
pub mod signature;
pub mod token;
pub mod url;
pub mod url_token;

use std::borrow::Cow;

pub use mac::{Algorithm, Encoding};

use crate::declaration::{Credential, Hmac, Invalid, Members, TimestampAt};
use crate::delivery::Delivery;
use crate::{Error, KeyKind, Options};

/// What authenticating a delivery established.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified<'a> {
    /// Which of the provider's credentials verified it (its position).
    pub credential: usize,
    /// Which configured key matched (position among the non-empty ones of its kind).
    pub key_index: usize,
    /// The signed timestamp, for signature schemes (unix seconds).
    pub timestamp: Option<i64>,
    /// The signed timestamp exactly as sent.
    pub timestamp_text: Option<Cow<'a, str>>,
    /// The message id (its header, where the scheme names one; signed when `signed` names `{id}`).
    pub message_id: Option<&'a str>,
    /// The body with its secret removed, for body-secret schemes.
    pub redacted_body: Option<String>,
    /// Hex SHA-256 of the signed bytes in canonical form, when asked for or when the scheme leaves the
    /// delivery's form open (Twilio).
    pub digest: Option<String>,
}

/// Hex SHA-256 of bytes given in pieces.
pub fn sha256_hex(pieces: &[&[u8]]) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    for piece in pieces {
        hasher.update(piece);
    }
    hex::encode(hasher.finalize())
}

/// The generic provider's scheme as the `hmac` option gives it (an HMAC credential object, as a
/// declaration writes one); `missing_secret` when it is incomplete or unreadable, so that every
/// delivery is rejected rather than checked against a guess.
pub fn configured_scheme(text: &str) -> Result<Hmac, Error> {
    let incomplete = |why: Invalid| Error::MissingSecret(format!("the `hmac` scheme is incomplete: {}", why.0).into());
    let object = crate::json::Object::parse(text).map_err(|_| incomplete(Invalid("it is not a JSON object".into())))?;
    let members =
        crate::declaration::members_of(&object).ok_or_else(|| incomplete(Invalid("it is not readable JSON".into())))?;
    Hmac::parse(&Members { list: &members, name: "hmac" }).map_err(incomplete)
}

/// Authenticates a delivery with the first of `credentials` that is configured and present.
///
/// Fails closed: with no key configured for any scheme the answer is `missing_secret`, whatever the
/// request carries. Once a configured credential is presented it decides; a failing signature never
/// falls back to a weaker scheme.
pub fn authenticate<'a>(
    credentials: &[Credential],
    delivery: &Delivery<'a, '_>,
    options: &Options,
    now: i64,
    want_digest: bool,
) -> Result<Verified<'a>, Error> {
    let mut configured =
        credentials.iter().enumerate().filter(|(_, c)| options.keys(c.key_kind()).next().is_some()).peekable();
    let Some((_, first)) = configured.peek().copied() else {
        return Err(Error::MissingSecret(missing_secret_name(credentials).into()));
    };
    let first_place = place(first, options);
    for (index, credential) in configured {
        if let Some(verified) = try_credential(index, credential, delivery, options, now, want_digest)? {
            return Ok(verified);
        }
    }
    Err(Error::MissingSignature(first_place))
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

/// Where a credential travels, for messages and the registry.
pub fn place(credential: &Credential, options: &Options) -> Cow<'static, str> {
    match credential {
        Credential::Bearer { .. } => "Authorization: Bearer header".into(),
        Credential::UrlToken { param, .. } => format!("`{param}` URL parameter").into(),
        Credential::BodySecret { path } => format!("`{}` field in the body", path.join(".")).into(),
        Credential::Hmac(hmac) => hmac_place(hmac),
        Credential::Configured => match options.hmac.as_deref().map(configured_scheme) {
            Some(Ok(hmac)) => hmac_place(&hmac),
            _ => "configured signature header".into(),
        },
    }
}

/// Where an HMAC signature travels, for explanations.
pub fn hmac_place(hmac: &Hmac) -> Cow<'static, str> {
    match &hmac.signature_field {
        Some(path) => format!("`{}` field in the body", crate::declaration::path_text(path)).into(),
        None => format!("{} header", hmac.headers.first().map_or("signature", String::as_str)).into(),
    }
}

/// A presented key, wiped when dropped: decoded from percent or JSON escapes it is a copy the input
/// buffer's zeroing does not reach.
fn wiped(presented: Cow<'_, str>) -> zeroize::Zeroizing<String> {
    zeroize::Zeroizing::new(presented.into_owned())
}

/// `Ok(None)` when the request does not carry this credential.
fn try_credential<'a>(
    index: usize,
    credential: &Credential,
    delivery: &Delivery<'a, '_>,
    options: &Options,
    now: i64,
    want_digest: bool,
) -> Result<Option<Verified<'a>>, Error> {
    let request = delivery.request;
    let keys = options.keys(credential.key_kind());
    let verified = |key_index| Verified {
        credential: index,
        key_index,
        timestamp: None,
        timestamp_text: None,
        message_id: None,
        redacted_body: None,
        digest: None,
    };
    match credential {
        Credential::Bearer { .. } => {
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
            let body = delivery.text()?;
            let path: Vec<&str> = path.iter().map(String::as_str).collect();
            let extracted = body_secret::extract(body, &path)?;
            let Some(presented) = extracted.secret.map(wiped) else { return Ok(None) };
            let index = token::match_token(&presented, keys).ok_or(Error::SignatureMismatch("secret in the body"))?;
            // The secret must not reach the forwarded payload by another road (a copy in another field,
            // however its characters are escaped).
            if crate::json::any_string_contains(&extracted.redacted, &presented) {
                return Err(Error::InvalidPayload("the secret appears elsewhere in the payload".into()));
            }
            Ok(Some(Verified { redacted_body: Some(extracted.redacted), ..verified(index) }))
        }
        Credential::Hmac(hmac) => check(index, hmac, delivery, options, now, want_digest),
        Credential::Configured => {
            let text =
                options.hmac.as_deref().ok_or(Error::MissingSecret("the `hmac` scheme is not configured".into()))?;
            check(index, &configured_scheme(text)?, delivery, options, now, want_digest)
        }
    }
}

fn check<'a>(
    index: usize,
    hmac: &Hmac,
    delivery: &Delivery<'a, '_>,
    options: &Options,
    now: i64,
    want_digest: bool,
) -> Result<Option<Verified<'a>>, Error> {
    let Some(presented) = hmac.presented(delivery)? else { return Ok(None) };
    let keys = options.keys(KeyKind::Secret);
    let signed = hmac.verify(delivery, presented, keys, now, options.tolerance_seconds, want_digest)?;
    if let Some(path) = &hmac.single_item {
        single_item(delivery, path)?;
    }
    Ok(Some(Verified {
        credential: index,
        key_index: signed.key_index,
        timestamp: signed.timestamp,
        timestamp_text: signed.timestamp_text,
        message_id: signed.id,
        redacted_body: None,
        digest: signed.digest,
    }))
}

/// Refuses a verified body whose array at `path` holds other than one item: the signature covers one, and
/// an item beside it (appended to a captured delivery) would be forwarded unsigned.
fn single_item(delivery: &Delivery<'_, '_>, path: &crate::declaration::Path) -> Result<(), Error> {
    let items = match delivery.raw(path)? {
        Some(raw) if raw.starts_with('[') => crate::json::elements_of_valid(raw).len(),
        _ => 0,
    };
    if items == 1 {
        return Ok(());
    }
    Err(Error::InvalidPayload(
        format!("`{}` holds {items} items, and the signature covers exactly one", crate::declaration::path_text(path))
            .into(),
    ))
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
    /// The generic `hmac` provider's scheme, as JSON.
    pub hmac: Option<&'a str>,
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
    /// The body to send when the credential travels inside it (Baback's `data.secret`, Adyen's and
    /// Mailgun's signature); `None`: as given.
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
/// bearer headers, the URL parameter, or the field inside the JSON body. For tests, samples, the CLI and
/// the inspector's sign mode; `missing_secret` when the key it needs is not given.
pub fn sign_delivery(
    credentials: &[Credential],
    body: &[u8],
    url: &str,
    signing: &Signing<'_>,
) -> Result<SignedDelivery, Error> {
    sign_delivery_with(credentials, &[], body, url, signing)
}

/// [`sign_delivery`] for a delivery that already carries `headers` (a sender that signs some of them,
/// Contentful, signs these).
pub fn sign_delivery_with(
    credentials: &[Credential],
    headers: &[(&str, &str)],
    body: &[u8],
    url: &str,
    signing: &Signing<'_>,
) -> Result<SignedDelivery, Error> {
    let Some(first) = credentials.first() else { return Err(Error::UnknownProvider) };
    let key = match first.key_kind() {
        KeyKind::Secret => signing.secret,
        KeyKind::Token => signing.token,
    };
    let key = key
        .filter(|key| !key.is_empty())
        .ok_or_else(|| Error::MissingSecret(missing_secret_name(&credentials[..1]).into()))?;
    let mut signed = SignedDelivery { headers: Vec::new(), url: url.to_owned(), body: None };
    let text = || std::str::from_utf8(body).map_err(|e| crate::json::error_at(body, e.valid_up_to()));
    match first {
        Credential::UrlToken { param, .. } => signed.url = url_token::place(url, param, key),
        Credential::BodySecret { path } => {
            let path: Vec<&str> = path.iter().map(String::as_str).collect();
            signed.body = Some(body_secret::place(text()?, &path, key)?);
        }
        Credential::Bearer { .. } => signed.headers = vec![("Authorization".into(), format!("Bearer {key}"))],
        Credential::Hmac(hmac) => sign_hmac(hmac, key, headers, body, url, signing, &mut signed)?,
        Credential::Configured => {
            let scheme = configured_scheme(
                signing.hmac.ok_or(Error::MissingSecret("the `hmac` scheme is not configured".into()))?,
            )?;
            sign_hmac(&scheme, key, headers, body, url, signing, &mut signed)?;
        }
    }
    Ok(signed)
}

/// Signs with an HMAC credential: the signature (and the timestamp and id it covers) in headers, or, for
/// a signature inside the body, in the body's fields. The headers the signature covers are written first.
fn sign_hmac(
    hmac: &Hmac,
    key: &str,
    given: &[(&str, &str)],
    body: &[u8],
    url: &str,
    signing: &Signing<'_>,
    signed: &mut SignedDelivery,
) -> Result<(), Error> {
    let timestamp = hmac.timestamp_text(signing.timestamp)?;
    let id = (!hmac.id_headers.is_empty()).then_some(signing.id);
    // Twilio's JSON body: the URL names the body's SHA-256, and the signature covers the URL.
    if hmac.signed.reads(|s| *s == crate::declaration::Source::Form) && body.starts_with(b"{") {
        signed.url = format!("{url}{}bodySHA256={}", if url.contains('?') { '&' } else { '?' }, sha256_hex(&[body]));
    }
    let url = signed.url.clone();
    if let TimestampAt::Header(names) = &hmac.timestamp {
        signed.headers.push((names[0].clone(), timestamp.clone()));
    }
    if let (Some(id), Some(name)) = (id, hmac.id_headers.first()) {
        signed.headers.push((name.clone(), id.to_owned()));
    }
    // Contentful signs the headers its list names: the delivery's own `x-contentful-*` ones and the timestamp.
    if hmac.signed.reads(|s| *s == crate::declaration::Source::ContentfulHeaders)
        && !given.iter().any(|(n, _)| n.eq_ignore_ascii_case("x-contentful-signed-headers"))
    {
        let mut listed: Vec<String> = given
            .iter()
            .map(|(name, _)| name.to_ascii_lowercase())
            .filter(|name| name.starts_with("x-contentful-"))
            .collect();
        listed.push("x-contentful-timestamp".into());
        signed.headers.push(("x-contentful-signed-headers".into(), listed.join(",")));
    }
    let mut body = Cow::Borrowed(body);
    // A timestamp read from the body is put there first: the signature covers it.
    if let TimestampAt::Field(path) = &hmac.timestamp {
        body = Cow::Owned(set_field(&body, path, &timestamp)?.into_bytes());
    }
    let all: Vec<(&str, &str)> =
        given.iter().copied().chain(signed.headers.iter().map(|(n, v)| (n.as_str(), v.as_str()))).collect();
    let request = crate::Request { headers: &all, body: &body, url: Some(&url), method: None };
    let signature = hmac.signature(key, &Delivery::new(&request), &url, &timestamp, id)?;
    let value = hmac.header_with(&timestamp, &signature);
    match &hmac.signature_field {
        Some(path) => signed.body = Some(set_field(&body, path, &value)?),
        None => {
            signed.headers.insert(0, (hmac.headers[0].replace("{n}", "1"), value));
            if let TimestampAt::Field(_) = hmac.timestamp {
                signed.body = Some(String::from_utf8_lossy(&body).into_owned());
            }
        }
    }
    Ok(())
}

/// `body` with the string `value` at `path`: the value there replaced, or added to the deepest object on
/// the path that exists, with the objects between written around it (a sender's unsigned sample may lack
/// Adyen's `additionalData`).
fn set_field(body: &[u8], path: &crate::declaration::Path, value: &str) -> Result<String, Error> {
    use crate::declaration::Segment;
    let text = std::str::from_utf8(body).map_err(|e| crate::json::error_at(body, e.valid_up_to()))?;
    let request = crate::Request::new(&[], body);
    let delivery = Delivery::new(&request);
    let splice = |raw: &str, with: &str| {
        let start = raw.as_ptr() as usize - text.as_ptr() as usize;
        format!("{}{with}{}", &text[..start], &text[start + raw.len()..])
    };
    let mut quoted = String::new();
    crate::json::push_string(&mut quoted, value);
    if let Some(raw) = delivery.raw(path)? {
        return Ok(splice(raw, &quoted));
    }
    let nowhere = || Error::InvalidPayload("the body has no object to put the signature in".into());
    for depth in (0..path.len()).rev() {
        let parent = if depth == 0 { Some(text.trim()) } else { delivery.raw(&path[..depth].to_vec())? };
        let Some(parent) = parent.filter(|raw| raw.starts_with('{')) else { continue };
        // The member to add: the first missing key, holding the rest of the path as objects.
        let mut member = quoted.clone();
        for segment in path[depth + 1..].iter().rev() {
            let Segment::Key(key) = segment else { return Err(nowhere()) };
            let mut wrapped = String::from("{");
            crate::json::push_string(&mut wrapped, key);
            wrapped.push(':');
            wrapped.push_str(&member);
            wrapped.push('}');
            member = wrapped;
        }
        let Segment::Key(key) = &path[depth] else { return Err(nowhere()) };
        let mut added = String::new();
        crate::json::push_string(&mut added, key);
        added.push(':');
        added.push_str(&member);
        let empty = parent[1..parent.len() - 1].trim().is_empty();
        let replaced = if empty { format!("{{{added}}}") } else { format!("{{{added},{}", &parent[1..]) };
        return Ok(splice(parent, &replaced));
    }
    Err(nowhere())
}
