//! HMAC over a signed string, described as data: which header, which hash, which encoding, what is
//! signed and where the timestamp comes from. ReReady, Standard Webhooks, Stripe, GitHub, Shopify… are
//! values of [`SignatureScheme`]; a new HMAC sender is one more, and the `hmac` provider builds one from
//! configuration at run time.

use base64ct::{Base64, Encoding as _};
use hmac::Mac;
use subtle::ConstantTimeEq;

use crate::{Error, Request, Secret};

/// The hash under the HMAC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
    /// HMAC-SHA1 (20-byte tags): Intercom and Twilio still sign with it.
    Sha1,
    /// HMAC-SHA256 (32-byte tags).
    Sha256,
    /// HMAC-SHA512 (64-byte tags).
    Sha512,
}

impl Algorithm {
    pub(crate) fn tag_len(self) -> usize {
        match self {
            Algorithm::Sha1 => 20,
            Algorithm::Sha256 => 32,
            Algorithm::Sha512 => 64,
        }
    }

    /// The HMAC of the signed bytes, fed piece by piece so the signed string is never copied. Not inlined:
    /// each caller would otherwise carry a copy of all three hashes' update loops.
    #[inline(never)]
    pub(crate) fn mac(self, key: &[u8], signed: &SignedBytes<'_>) -> Vec<u8> {
        fn run<M: Mac>(mut mac: M, signed: &SignedBytes<'_>) -> Vec<u8> {
            signed.each(|part| mac.update(part));
            mac.finalize().into_bytes().to_vec()
        }
        match super::keyed::keyed(self, key) {
            super::keyed::Keyed::Sha1(mac) => run(mac, signed),
            super::keyed::Keyed::Sha256(mac) => run(mac, signed),
            super::keyed::Keyed::Sha512(mac) => run(mac, signed),
        }
    }
}

/// How the signature bytes are written in the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Lower- or upper-case hex.
    Hex,
    /// Standard base64 with padding.
    Base64,
}

impl Encoding {
    pub(crate) fn decode(self, text: &str) -> Option<Vec<u8>> {
        match self {
            Encoding::Hex => hex::decode(text).ok(),
            Encoding::Base64 => Base64::decode_vec(text).ok(),
        }
    }

    pub(crate) fn encode(self, bytes: &[u8]) -> String {
        match self {
            Encoding::Hex => hex::encode(bytes),
            Encoding::Base64 => Base64::encode_string(bytes),
        }
    }
}

/// The syntax of the signature header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderFormat<'s> {
    /// The whole value is one signature after a fixed prefix (`sha256=` for GitHub, empty for Shopify).
    Prefixed {
        /// Text before the signature, matched exactly.
        prefix: &'s str,
    },
    /// `key=value` pairs carrying the timestamp and one or more signatures (ReReady `t=…,v=…`, Stripe
    /// `t=…,v1=…`, Paddle `ts=…;h1=…`). Pairs with other keys are ignored.
    KeyValue {
        /// The key of the timestamp, e.g. `t`.
        timestamp: &'s str,
        /// The key of each signature, e.g. `v`.
        signature: &'s str,
        /// What separates the pairs: `,` or `;`.
        separator: char,
    },
    /// Space-separated `<version>,<signature>` entries (Standard Webhooks `v1,…`); other versions are ignored.
    VersionedList {
        /// The version accepted, e.g. `v1`.
        version: &'s str,
    },
}

/// What the HMAC is computed over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignedString {
    /// The body alone (no timestamp: nothing limits replays).
    Body,
    /// `<timestamp>.<body>`.
    TimestampDotBody,
    /// `<id>.<timestamp>.<body>`.
    IdDotTimestampDotBody,
    /// `<timestamp>:<body>` (Paddle).
    TimestampColonBody,
    /// `<timestamp><body>`, no separator (Zendesk, whose timestamp is RFC 3339).
    TimestampBody,
    /// `v0:<timestamp>:<body>` (Slack).
    SlackV0,
    /// `<URL><body>`: the exact URL the sender called, then the body (Square).
    UrlBody,
    /// Twilio's: the exact URL the sender called, then each form parameter sorted by name as
    /// `name` + `value` (decoded); a JSON body is signed as the URL alone, whose `bodySHA256` query
    /// parameter must be the body's hex SHA-256.
    UrlForm,
    /// The body with every integer `"weight": N` written `N.0` (EasyPost signs its weights as floats,
    /// and its SDK verifies so).
    BodyFloatWeights,
}

impl SignedString {
    /// Whether a timestamp is part of the signed string.
    pub fn signs_timestamp(self) -> bool {
        !matches!(
            self,
            SignedString::Body | SignedString::UrlBody | SignedString::UrlForm | SignedString::BodyFloatWeights
        )
    }

    /// Whether a message id is part of the signed string.
    pub fn signs_id(self) -> bool {
        self == SignedString::IdDotTimestampDotBody
    }

    /// Whether the URL the sender called is part of the signed string.
    pub fn signs_url(self) -> bool {
        matches!(self, SignedString::UrlBody | SignedString::UrlForm)
    }
}

/// How a configured secret becomes the HMAC key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyFormat {
    /// The secret's UTF-8 bytes, as given (ReReady's `ssk_…`).
    Utf8,
    /// Standard Webhooks: base64 after an optional `whsec_` prefix, at least [`MIN_WHSEC_KEY_BYTES`] long.
    WhsecBase64,
    /// The UTF-8 bytes of the secret NFKD-normalized (EasyPost). The module carries no Unicode tables:
    /// the caller normalizes (the JS package does, `secret.normalize("NFKD")`); as given it is used as is.
    Nfkd,
}

/// The shortest `whsec_` key accepted. Standard Webhooks senders issue 24 to 64 random bytes; a key of a
/// few bytes (or none: `whsec_` alone decodes to an empty key) would let anyone sign.
pub const MIN_WHSEC_KEY_BYTES: usize = 16;

const NOT_BASE64: Error = Error::MissingSecret("the configured `whsec_` secret is not base64 after `whsec_`");
const TOO_SHORT: Error = Error::MissingSecret(
    "the configured `whsec_` secret decodes to fewer than 16 bytes; a key must have at least 16 bytes, a shorter one is too weak",
);

/// An HMAC key: the secret's own bytes, or bytes decoded from it (wiped when dropped).
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Key<'s> {
    Given(&'s [u8]),
    Decoded(zeroize::Zeroizing<Vec<u8>>),
}

impl std::ops::Deref for Key<'_> {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Key::Given(bytes) => bytes,
            Key::Decoded(bytes) => bytes,
        }
    }
}

impl KeyFormat {
    /// The HMAC key `secret` stands for; `missing_secret`, saying why, when it is no usable key.
    pub(crate) fn key_bytes(self, secret: &str) -> Result<Key<'_>, Error> {
        match self {
            KeyFormat::Utf8 | KeyFormat::Nfkd => Ok(Key::Given(secret.as_bytes())),
            KeyFormat::WhsecBase64 => {
                let key = zeroize::Zeroizing::new(
                    Base64::decode_vec(secret.strip_prefix("whsec_").unwrap_or(secret)).map_err(|_| NOT_BASE64)?,
                );
                if key.len() < MIN_WHSEC_KEY_BYTES {
                    return Err(TOO_SHORT);
                }
                Ok(Key::Decoded(key))
            }
        }
    }
}

/// A complete description of one HMAC signature scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignatureScheme<'s> {
    /// The signature header; later names are aliases (e.g. `svix-signature`).
    pub header: &'s [&'s str],
    /// Where the timestamp is when it is signed but not inside the signature header (with aliases).
    pub timestamp_header: &'s [&'s str],
    /// Where the message id is, for schemes that sign it (with aliases).
    pub id_header: &'s [&'s str],
    /// The header syntax.
    pub format: HeaderFormat<'s>,
    /// The hash.
    pub algorithm: Algorithm,
    /// The signature encoding.
    pub encoding: Encoding,
    /// What is signed.
    pub signed: SignedString,
    /// How secrets become keys.
    pub key: KeyFormat,
}

impl SignatureScheme<'static> {
    /// A signature over the raw body alone, in one header after an optional prefix, keyed with the
    /// secret as given: the scheme Shopify, GitHub, Loop and AfterShip share.
    pub const fn over_body(
        header: &'static [&'static str],
        algorithm: Algorithm,
        encoding: Encoding,
        prefix: &'static str,
    ) -> Self {
        Self::in_one_header(header, algorithm, encoding, prefix, SignedString::Body)
    }

    /// A signature over `signed`, which holds no timestamp or id header of its own, in one header after
    /// an optional prefix, keyed with the secret as given (Square, EasyPost, Twilio).
    pub const fn in_one_header(
        header: &'static [&'static str],
        algorithm: Algorithm,
        encoding: Encoding,
        prefix: &'static str,
        signed: SignedString,
    ) -> Self {
        SignatureScheme {
            header,
            timestamp_header: &[],
            id_header: &[],
            format: HeaderFormat::Prefixed { prefix },
            algorithm,
            encoding,
            signed,
            key: KeyFormat::Utf8,
        }
    }
}

/// What a valid signature established.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed<'a> {
    /// The signed timestamp (unix seconds), for schemes that sign one.
    pub timestamp: Option<i64>,
    /// The signed message id, for schemes that sign one.
    pub id: Option<&'a str>,
    /// Which configured secret matched (its position among the non-empty ones).
    pub key_index: usize,
    /// Hex SHA-256 of the signed bytes in their canonical form, for schemes whose signature leaves the
    /// delivery's form open (Twilio's); `None` for the others.
    pub digest: Option<String>,
}

/// What a signature may cover besides the key.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SignedInput<'p> {
    pub(crate) id: Option<&'p str>,
    pub(crate) timestamp: &'p str,
    pub(crate) url: &'p str,
    pub(crate) body: &'p [u8],
}

/// The signed bytes: consecutive borrowed pieces (no allocation: `tag` runs on every delivery), or,
/// for the schemes that rewrite what they sign (Twilio's sorted parameters, EasyPost's weights), one
/// owned buffer.
pub(crate) enum SignedBytes<'p> {
    Parts([&'p [u8]; 5], usize),
    Owned(Vec<u8>),
}

impl SignedBytes<'_> {
    /// Hands each piece to `f`, in order.
    pub(crate) fn each(&self, mut f: impl FnMut(&[u8])) {
        match self {
            SignedBytes::Parts(parts, len) => parts[..*len].iter().for_each(|part| f(part)),
            SignedBytes::Owned(bytes) => f(bytes),
        }
    }

    /// The signed bytes in one buffer (for `explain`).
    pub(crate) fn concat(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.each(|part| out.extend_from_slice(part));
        out
    }
}

/// The parts of a signature header before any secret is used.
pub(crate) struct Presented<'a> {
    /// The timestamp as sent (the signed string uses this text) and its value.
    pub(crate) timestamp: Option<(&'a str, i64)>,
    pub(crate) id: Option<&'a str>,
    pub(crate) signatures: Vec<Vec<u8>>,
}

impl<'a> Presented<'a> {
    /// What the signature covers, with `url` and `body`.
    pub(crate) fn input<'p>(&'p self, url: &'p str, body: &'p [u8]) -> SignedInput<'p> {
        SignedInput { id: self.id, timestamp: self.timestamp.map_or("", |(text, _)| text), url, body }
    }
}

/// Whether `url` is absolute (`scheme://…`): only such a URL can be the one a sender signed.
fn is_absolute(url: &str) -> bool {
    scheme_end(url).is_some_and(|end| end > 0 && url.len() > end + 3)
}

/// Where `://` starts in `url`, found by its first `:` (a `str` pattern search brings 2 KB of wasm).
pub(crate) fn scheme_end(url: &str) -> Option<usize> {
    url.find(':').filter(|&colon| url[colon..].starts_with("://"))
}

/// The raw value of query parameter `name` in `url`, if present.
fn query_value<'u>(url: &'u str, name: &str) -> Option<&'u str> {
    let query = url.split_once('?')?.1;
    let query = query.split_once('#').map_or(query, |(q, _)| q);
    query.split('&').find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
}

impl SignatureScheme<'_> {
    /// What is signed and how, in words: `hex HMAC-SHA512 of "t.body"`.
    pub fn describe(&self) -> String {
        let encoding = match self.encoding {
            Encoding::Hex => "hex",
            Encoding::Base64 => "base64",
        };
        let algorithm = match self.algorithm {
            Algorithm::Sha1 => "SHA1",
            Algorithm::Sha256 => "SHA256",
            Algorithm::Sha512 => "SHA512",
        };
        let signed = match self.signed {
            SignedString::Body => "the body",
            SignedString::TimestampDotBody => "`timestamp.body`",
            SignedString::IdDotTimestampDotBody => "`id.timestamp.body`",
            SignedString::TimestampColonBody => "`timestamp:body`",
            SignedString::TimestampBody => "`timestamp` + `body`",
            SignedString::SlackV0 => "`v0:timestamp:body`",
            SignedString::UrlBody => "the URL called + the body",
            SignedString::UrlForm => "the URL called + the form parameters sorted by name",
            SignedString::BodyFloatWeights => "the body (integer weights written as `N.0`)",
        };
        let key = match self.key {
            KeyFormat::Utf8 => "",
            KeyFormat::WhsecBase64 => ", keyed with the base64 after `whsec_`",
            KeyFormat::Nfkd => ", keyed with the secret NFKD-normalized",
        };
        let syntax = match self.format {
            HeaderFormat::Prefixed { prefix: "" } => String::new(),
            HeaderFormat::Prefixed { prefix } => format!(" after `{prefix}`"),
            HeaderFormat::KeyValue { timestamp, signature, separator } => {
                format!(" as `{timestamp}=…{separator}{signature}=…`")
            }
            HeaderFormat::VersionedList { version } => format!(" as `{version},…` entries"),
        };
        format!("{encoding} HMAC-{algorithm} of {signed}{syntax}{key}")
    }

    /// The signature header's value, `None` when the request has none.
    pub fn header_value<'a>(&self, request: &Request<'a>) -> Result<Option<&'a str>, Error> {
        request.credential_header(self.header)
    }

    /// Checks the signature against every configured secret, then the timestamp against `now`.
    /// The timestamp is checked second, so `timestamp_out_of_tolerance` always means "authentic but stale".
    pub fn verify<'a, 's>(
        &self,
        request: &Request<'a>,
        header: &'a str,
        secrets: impl Iterator<Item = &'s Secret>,
        now: i64,
        tolerance_seconds: u64,
    ) -> Result<Signed<'a>, Error> {
        let presented = self.parse(request, header)?;
        let urls = self.signed_urls(request)?;
        // The signed bytes once per URL, not once per secret (Twilio's are a sorted copy of the form).
        let signed: Vec<SignedBytes<'_>> =
            urls.iter().map(|url| self.signed_bytes(&presented.input(url, request.body))).collect();
        // The reason the last unusable key was refused, while no usable one has been seen.
        let mut unusable = Some(NOT_BASE64);
        let mut matched = None;
        for (index, secret) in secrets.enumerate() {
            let key = match self.key.key_bytes(secret.expose()) {
                Ok(key) => key,
                Err(why) => {
                    unusable = unusable.map(|_| why);
                    continue;
                }
            };
            unusable = None;
            for bytes in &signed {
                let tag = self.algorithm.mac(&key, bytes);
                // Every signature is compared (constant time each), whatever matched before.
                let hit = presented.signatures.iter().fold(false, |hit, sig| hit | bool::from(tag.ct_eq(sig)));
                if hit && matched.is_none() {
                    matched = Some(index);
                }
            }
        }
        if let Some(why) = unusable {
            return Err(why);
        }
        let key_index = matched.ok_or(Error::SignatureMismatch("signature"))?;
        let timestamp = presented.timestamp.map(|(_, value)| value);
        if let Some(timestamp) = timestamp {
            if now.abs_diff(timestamp) > tolerance_seconds {
                let age_seconds = now.saturating_sub(timestamp);
                return Err(Error::TimestampOutOfTolerance { age_seconds, tolerance_seconds });
            }
        }
        // Twilio's signature binds neither where a name ends nor how a value was encoded, nor whether the
        // URL wrote its default port: every delivery it cannot tell apart gets the same digest, of the
        // signed bytes over the URL without that port.
        let digest = (self.signed == SignedString::UrlForm).then(|| {
            let canonical = if urls.len() > 1 && urls[1].len() < urls[0].len() { 1 } else { 0 };
            let mut hasher = <sha2::Sha256 as sha2::Digest>::new();
            signed[canonical].each(|part| sha2::Digest::update(&mut hasher, part));
            hex::encode(sha2::Digest::finalize(hasher))
        });
        Ok(Signed { timestamp, id: presented.id, key_index, digest })
    }

    /// The header value a sender would put on `body` (for tests, simulation and the CLI); `timestamp`
    /// and `id` are used where the scheme signs them. URL-bound schemes need [`Self::sign_at`].
    pub fn sign(&self, secret: &str, id: Option<&str>, timestamp: i64, body: &[u8]) -> Result<String, Error> {
        self.sign_at(secret, id, timestamp, "", body)
    }

    /// [`Self::sign`] for a delivery sent to `url` (which URL-bound schemes sign: Square, Twilio).
    pub fn sign_at(
        &self,
        secret: &str,
        id: Option<&str>,
        timestamp: i64,
        url: &str,
        body: &[u8],
    ) -> Result<String, Error> {
        let key = self.key.key_bytes(secret)?;
        if self.signed.signs_url() && !is_absolute(url) {
            return Err(Error::MissingUrl);
        }
        let timestamp = self.timestamp_text(timestamp)?;
        let input = SignedInput { id, timestamp: &timestamp, url, body };
        Ok(self.header_with(&timestamp, &self.encoding.encode(&self.tag(&key, &input))))
    }

    /// The header value that carries `signature` (encoded) and, where the header holds it, `timestamp`
    /// as the sender wrote it.
    pub(crate) fn header_with(&self, timestamp: &str, signature: &str) -> String {
        match self.format {
            HeaderFormat::Prefixed { prefix } => format!("{prefix}{signature}"),
            HeaderFormat::KeyValue { timestamp: t, signature: v, separator } => {
                format!("{t}={timestamp}{separator}{v}={signature}")
            }
            HeaderFormat::VersionedList { version } => format!("{version},{signature}"),
        }
    }

    /// Whether this scheme's sender writes its timestamp in RFC 3339 (Zendesk) rather than unix seconds.
    fn rfc3339_timestamps(&self) -> bool {
        self.signed == SignedString::TimestampBody
    }

    /// The timestamp as this scheme's sender writes it: unix seconds, or RFC 3339 (Zendesk).
    pub(crate) fn timestamp_text(&self, timestamp: i64) -> Result<String, Error> {
        if self.rfc3339_timestamps() {
            return crate::time::format_utc(timestamp, 0)
                .ok_or(Error::MalformedSignature("the timestamp is out of range"));
        }
        Ok(timestamp.to_string())
    }

    /// The unix seconds of a timestamp as sent, in this scheme's format only (`malformed_signature` in
    /// any other: a sender that signs unix seconds never sends a date).
    fn parse_timestamp(&self, text: &str) -> Result<i64, Error> {
        if self.rfc3339_timestamps() {
            return crate::time::rfc3339_seconds(text)
                .ok_or(Error::MalformedSignature("the timestamp is not an RFC 3339 date-time"));
        }
        unix_seconds(text)
    }

    pub(crate) fn tag(&self, key: &[u8], input: &SignedInput<'_>) -> Vec<u8> {
        self.algorithm.mac(key, &self.signed_bytes(input))
    }

    /// The signed bytes: what `tag` MACs and what `explain` shows.
    pub(crate) fn signed_bytes<'p>(&self, input: &SignedInput<'p>) -> SignedBytes<'p> {
        let (id, timestamp, url, body) =
            (input.id.unwrap_or_default().as_bytes(), input.timestamp.as_bytes(), input.url.as_bytes(), input.body);
        match self.signed {
            SignedString::Body => SignedBytes::Parts([body, &[], &[], &[], &[]], 1),
            SignedString::TimestampDotBody => SignedBytes::Parts([timestamp, b".", body, &[], &[]], 3),
            SignedString::IdDotTimestampDotBody => SignedBytes::Parts([id, b".", timestamp, b".", body], 5),
            SignedString::TimestampColonBody => SignedBytes::Parts([timestamp, b":", body, &[], &[]], 3),
            SignedString::TimestampBody => SignedBytes::Parts([timestamp, body, &[], &[], &[]], 2),
            SignedString::SlackV0 => SignedBytes::Parts([b"v0:", timestamp, b":", body, &[]], 4),
            SignedString::UrlBody => SignedBytes::Parts([url, body, &[], &[], &[]], 2),
            SignedString::UrlForm if query_value(input.url, "bodySHA256").is_some() => {
                SignedBytes::Parts([url, &[], &[], &[], &[]], 1)
            }
            SignedString::UrlForm => SignedBytes::Owned(super::form::sorted_pairs(url, body)),
            SignedString::BodyFloatWeights => SignedBytes::Owned(super::form::float_weights(body)),
        }
    }

    /// The URLs a URL-bound scheme's signature may be over: the one received and, for Twilio, the same
    /// with its default port written or left out (Twilio's own validator tries both). `[""]` for the
    /// others. `missing_url` when the scheme signs a URL and the request has no absolute one; for a
    /// Twilio JSON body, `signature_mismatch` when the body is not the one `bodySHA256` names.
    pub(crate) fn signed_urls<'a>(&self, request: &Request<'a>) -> Result<Vec<std::borrow::Cow<'a, str>>, Error> {
        if !self.signed.signs_url() {
            return Ok(vec!["".into()]);
        }
        let url = request.url.filter(|url| is_absolute(url)).ok_or(Error::MissingUrl)?;
        if self.signed != SignedString::UrlForm {
            return Ok(vec![url.into()]);
        }
        if let Some(expected) = query_value(url, "bodySHA256") {
            use sha2::Digest;
            let actual = hex::encode(sha2::Sha256::digest(request.body));
            if !bool::from(actual.as_bytes().ct_eq(expected.to_ascii_lowercase().as_bytes())) {
                // The credential reads fine; the body is not the one signed.
                return Err(Error::SignatureMismatch("body's SHA-256 named by the URL's `bodySHA256`"));
            }
        }
        Ok(vec![url.into(), super::form::toggle_default_port(url).into()])
    }

    pub(crate) fn parse<'a>(&self, request: &Request<'a>, header: &'a str) -> Result<Presented<'a>, Error> {
        let (signs_id, signs_timestamp) = (self.signed.signs_id(), self.signed.signs_timestamp());
        let (inline_timestamp, candidates) = match self.format {
            HeaderFormat::Prefixed { prefix } => {
                let signature = header
                    .trim()
                    .strip_prefix(prefix)
                    .ok_or(Error::MalformedSignature("the signature lacks its expected prefix"))?;
                (None, vec![signature])
            }
            HeaderFormat::KeyValue { timestamp, signature, separator } => {
                let (t, signatures) = parse_key_value(header, timestamp, signature, separator)?;
                (Some(t), signatures)
            }
            HeaderFormat::VersionedList { version } => (None, parse_versioned_list(header, version)),
        };
        let timestamp_text = match inline_timestamp {
            Some(text) => Some(text),
            None if signs_timestamp => Some(self.required_header(request, self.timestamp_header)?),
            None => None,
        };
        let id = if signs_id { Some(self.required_header(request, self.id_header)?) } else { None };
        let timestamp = match timestamp_text {
            Some(text) => Some((text, self.parse_timestamp(text)?)),
            None => None,
        };
        // Entries that do not decode to a whole tag are skipped (a sender may list other formats);
        // with none left the header is malformed. A short or empty signature can never match.
        let signatures: Vec<Vec<u8>> = candidates
            .iter()
            .filter_map(|text| self.encoding.decode(text))
            .filter(|bytes| bytes.len() == self.algorithm.tag_len())
            .collect();
        if signatures.is_empty() {
            return Err(Error::MalformedSignature("no signature of the expected length and encoding"));
        }
        Ok(Presented { timestamp, id, signatures })
    }

    fn required_header<'a>(&self, request: &Request<'a>, names: &[&str]) -> Result<&'a str, Error> {
        request.credential_header(names)?.ok_or_else(|| Error::MissingSignature(missing(names)))
    }
}

fn missing(names: &[&str]) -> std::borrow::Cow<'static, str> {
    format!("{} header", names.first().copied().unwrap_or("signature")).into()
}

/// Splits `t=…,v=…[,v=…]` (or `;`-separated); the timestamp must appear once.
fn parse_key_value<'a>(
    header: &'a str,
    timestamp_key: &str,
    signature_key: &str,
    separator: char,
) -> Result<(&'a str, Vec<&'a str>), Error> {
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for pair in header.split(separator) {
        let Some((key, value)) = pair.split_once('=') else { continue };
        let (key, value) = (key.trim(), value.trim());
        if key == timestamp_key {
            if timestamp.replace(value).is_some() {
                return Err(Error::MalformedSignature("the timestamp appears twice"));
            }
        } else if key == signature_key {
            signatures.push(value);
        }
    }
    let timestamp = timestamp.ok_or(Error::MalformedSignature("the signature header has no timestamp"))?;
    if signatures.is_empty() {
        return Err(Error::MalformedSignature("the signature header has no signature"));
    }
    Ok((timestamp, signatures))
}

/// Splits `v1,<sig> v1,<sig> v2,<sig>` and keeps the signatures of `version`.
fn parse_versioned_list<'a>(header: &'a str, version: &str) -> Vec<&'a str> {
    header
        .split_ascii_whitespace()
        .filter_map(|entry| entry.split_once(','))
        .filter(|(v, _)| *v == version)
        .map(|(_, signature)| signature)
        .collect()
}

/// Unix seconds as ASCII digits only: no sign, no spaces, at most 15 digits, so the parse cannot
/// overflow and the arithmetic after it cannot either.
fn unix_seconds(text: &str) -> Result<i64, Error> {
    const NOT_A_TIME: Error = Error::MalformedSignature("the timestamp is not a unix time in seconds");
    if text.len() > 15 {
        return Err(NOT_A_TIME);
    }
    crate::time::digits(text.as_bytes()).ok_or(NOT_A_TIME)
}

#[cfg(test)]
mod tests {
    use super::*;
    // Compiled to wasm32 (scripts/test.sh), these run under wasm-bindgen-test-runner in Node.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    const KV: SignatureScheme<'static> = SignatureScheme {
        header: &["x-sig"],
        timestamp_header: &[],
        id_header: &[],
        format: HeaderFormat::KeyValue { timestamp: "t", signature: "v", separator: ',' },
        algorithm: Algorithm::Sha256,
        encoding: Encoding::Hex,
        signed: SignedString::TimestampDotBody,
        key: KeyFormat::Utf8,
    };

    fn check(header: &str, now: i64) -> Result<i64, Error> {
        let secrets = [Secret::new("k")];
        let headers = [("x-sig", header)];
        KV.verify(&Request::new(&headers, b"{}"), header, secrets.iter(), now, 300)
            .map(|signed| signed.timestamp.unwrap_or(-1))
    }

    #[test]
    fn accepts_what_it_signs_and_rejects_another_body() {
        let header = KV.sign("k", None, 1000, b"{}").unwrap();
        assert_eq!(check(&header, 1000), Ok(1000));
        let headers = [("x-sig", header.as_str())];
        let other = KV.verify(&Request::new(&headers, b"{ }"), &header, [Secret::new("k")].iter(), 1000, 300);
        assert_eq!(other.unwrap_err().code(), "signature_mismatch");
    }

    #[test]
    fn checks_the_tolerance_in_both_directions_without_overflow() {
        let header = KV.sign("k", None, 1000, b"{}").unwrap();
        assert!(check(&header, 1300).is_ok());
        assert!(check(&header, 700).is_ok());
        assert_eq!(
            check(&header, 1301).unwrap_err(),
            Error::TimestampOutOfTolerance { age_seconds: 301, tolerance_seconds: 300 }
        );
        assert_eq!(check(&header, 699).unwrap_err().code(), "timestamp_out_of_tolerance");
        assert_eq!(check(&header, i64::MIN).unwrap_err().code(), "timestamp_out_of_tolerance");
        assert_eq!(check(&header, i64::MAX).unwrap_err().code(), "timestamp_out_of_tolerance");
    }

    #[test]
    fn refuses_timestamps_that_are_not_plain_unix_seconds() {
        let tag = "0".repeat(64);
        for t in ["", "-5", "+5", "5 5", "5.0", "1e9", &"9".repeat(16), &"9".repeat(400), "٣"] {
            let header = format!("t={t},v={tag}");
            assert_eq!(check(&header, 0).unwrap_err().code(), "malformed_signature", "t={t}");
        }
    }

    #[test]
    fn a_scheme_that_signs_unix_seconds_refuses_a_date_even_when_it_is_signed() {
        // Signed as sent, so only the format can refuse it.
        for t in ["2026-01-01T00:00:00Z", "1970-01-01T00:16:40Z"] {
            let tag = hex::encode(KV.tag(b"k", &SignedInput { id: None, timestamp: t, url: "", body: b"{}" }));
            assert_eq!(check(&format!("t={t},v={tag}"), 1000).unwrap_err().code(), "malformed_signature", "{t}");
        }
    }

    #[test]
    fn never_accepts_an_empty_or_truncated_signature() {
        let full = KV.sign("k", None, 1000, b"{}").unwrap();
        for cut in [full.len() - 2, full.len() - 64, "t=1000,v=".len()] {
            assert_eq!(check(&full[..cut], 1000).unwrap_err().code(), "malformed_signature", "{}", &full[..cut]);
        }
    }

    const PREFIXED: SignatureScheme<'static> =
        SignatureScheme::over_body(&["x-hub-signature-256"], Algorithm::Sha256, Encoding::Hex, "sha256=");

    fn check_prefixed(header: &str) -> Result<Option<i64>, Error> {
        let headers = [("x-hub-signature-256", header)];
        let signed = PREFIXED.verify(&Request::new(&headers, b"{}"), header, [Secret::new("k")].iter(), i64::MAX, 0);
        signed.map(|signed| signed.timestamp)
    }

    #[test]
    fn checks_a_prefixed_body_signature_that_signs_no_time() {
        let header = PREFIXED.sign("k", None, 0, b"{}").unwrap();
        assert!(header.starts_with("sha256=") && header.len() == 7 + 64, "{header}");
        // No timestamp is signed, so no tolerance applies, whatever `now` is.
        assert_eq!(check_prefixed(&header), Ok(None));
        assert_eq!(check_prefixed(&header[7..]).unwrap_err().code(), "malformed_signature");
        assert_eq!(check_prefixed(&header.replace("sha256=", "sha1=")).unwrap_err().code(), "malformed_signature");
        let other = PREFIXED.sign("other", None, 0, b"{}").unwrap();
        assert_eq!(check_prefixed(&other).unwrap_err().code(), "signature_mismatch");
    }

    #[test]
    fn keeps_versions_it_knows_from_a_signature_list() {
        assert_eq!(parse_versioned_list("v1,a v2,b  v1,c v1a,d nocomma", "v1"), vec!["a", "c"]);
    }

    #[test]
    fn decodes_whsec_secrets_with_or_without_the_prefix() {
        let key = b"sixteen-byte-key";
        assert_eq!(KeyFormat::WhsecBase64.key_bytes("whsec_c2l4dGVlbi1ieXRlLWtleQ==").as_deref(), Ok(&key[..]));
        assert_eq!(KeyFormat::WhsecBase64.key_bytes("c2l4dGVlbi1ieXRlLWtleQ==").as_deref(), Ok(&key[..]));
        assert_eq!(KeyFormat::WhsecBase64.key_bytes("whsec_not base64").unwrap_err().code(), "missing_secret");
    }

    #[test]
    fn refuses_whsec_keys_shorter_than_16_bytes_and_says_why() {
        // `whsec_` alone is an empty key (anyone could sign); `AA==` one byte; 15 bytes still too few.
        for secret in ["whsec_", "whsec_AA==", "whsec_aGk=", "whsec_ZmlmdGVlbi1ieXRlLWtl"] {
            let error = KeyFormat::WhsecBase64.key_bytes(secret).unwrap_err();
            assert_eq!(error.code(), "missing_secret", "{secret}");
            let message = error.to_string();
            let key_text = &secret["whsec_".len()..];
            assert!(message.contains("at least 16 bytes"), "{message}");
            assert!(key_text.is_empty() || !message.contains(key_text), "{message}");
        }
    }

    #[test]
    fn reads_only_canonical_padded_base64() {
        assert_eq!(Encoding::Base64.decode("aGk=").as_deref(), Some(&b"hi"[..]));
        // Unpadded, wrong alphabet, stray whitespace, bits past the end: one byte string, one spelling.
        for text in ["aGk", "aGl=", "a-k=", "aGk= ", " aGk=", "aG\nk=", "aGk==", "===="] {
            assert_eq!(Encoding::Base64.decode(text), None, "{text:?}");
        }
        assert_eq!(Encoding::Base64.encode(&[0xfb, 0xff]), "+/8=");
    }
}
