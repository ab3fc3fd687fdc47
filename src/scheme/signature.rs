//! An HMAC signature as a declaration describes it ([`Hmac`]): where it travels and in which syntax, what
//! it signs (a template), where the timestamp and id come from, how the secret becomes the key. Checking
//! one is reading what was presented, building the signed bytes, and comparing every configured key's
//! tag with every presented signature in constant time; then the timestamp against now.

use std::borrow::Cow;

use subtle::ConstantTimeEq;

use super::{form, url};
use crate::declaration::{Hmac, Part, Source, Syntax, TimestampAt, TimestampFormat};
use crate::delivery::Delivery;
use crate::{Error, Request, Secret};

/// A signature value read: the timestamp it carries, if any, and its signatures (still encoded).
type Parsed<'a> = (Option<Cow<'a, str>>, Vec<Cow<'a, str>>);

/// What a valid signature established.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed<'a> {
    /// The signed timestamp (unix seconds), for schemes that sign one.
    pub timestamp: Option<i64>,
    /// The signed timestamp exactly as sent.
    pub timestamp_text: Option<Cow<'a, str>>,
    /// The message id (its header, where the scheme names one; signed when `signed` names `{id}`).
    pub id: Option<&'a str>,
    /// Which configured secret matched (its position among the non-empty ones).
    pub key_index: usize,
    /// Hex SHA-256 of the signed bytes in canonical form: computed when the event reads `{digest}`, or
    /// when the scheme leaves the delivery's form open (Twilio's `{form}`), else `None`.
    pub digest: Option<String>,
}

/// The parts of a signature before any secret is used.
#[derive(Debug)]
pub struct Presented<'a> {
    /// The timestamp as sent (the signed string uses this text) and its unix seconds.
    pub timestamp: Option<(Cow<'a, str>, i64)>,
    /// The message id as sent.
    pub id: Option<&'a str>,
    /// The signatures, decoded; every one is compared.
    pub signatures: Vec<Vec<u8>>,
}

/// The signed bytes: borrowed pieces in order (no copy of the body), or owned where the scheme rewrites
/// what it signs.
pub type Pieces<'p> = Vec<Cow<'p, [u8]>>;

impl Hmac {
    /// What the delivery presents: `Ok(None)` when it carries no signature at all; `malformed_signature`
    /// when what it carries cannot be read; `missing_signature` when the timestamp or id it signs is absent.
    pub fn presented<'a>(&self, delivery: &Delivery<'a, '_>) -> Result<Option<Presented<'a>>, Error> {
        let request = delivery.request;
        let values: Vec<Cow<'a, str>> = match &self.signature_field {
            Some(path) => delivery.scalar(path)?.into_iter().collect(),
            None if self.each_header => request
                .headers
                .iter()
                .filter(|(name, _)| self.headers.iter().any(|pattern| header_matches(pattern, name)))
                .map(|(_, value)| Cow::Borrowed(*value))
                .collect(),
            None => request.credential_header(&names(&self.headers))?.map(Cow::Borrowed).into_iter().collect(),
        };
        if values.is_empty() {
            return Ok(None);
        }
        for (name, value) in &self.require {
            if !request.header(name).is_some_and(|given| given.trim().eq_ignore_ascii_case(value)) {
                return Err(Error::MalformedSignature("a header the signature scheme fixes has another value"));
            }
        }
        let mut inline = None;
        let mut candidates: Vec<Cow<'a, str>> = Vec::new();
        for value in values {
            let (timestamp, signatures) = self.parse_value(value)?;
            if timestamp.is_some() {
                inline = timestamp;
            }
            candidates.extend(signatures);
        }
        let timestamp_text: Option<Cow<'a, str>> = match &self.timestamp {
            TimestampAt::Unsigned => None,
            TimestampAt::Inline => {
                Some(inline.ok_or(Error::MalformedSignature("the signature header has no timestamp"))?)
            }
            TimestampAt::Header(names) => Some(Cow::Borrowed(required(request, names)?)),
            TimestampAt::Field(path) => {
                Some(delivery.scalar(path)?.ok_or_else(|| Error::MissingSignature("timestamp field".into()))?)
            }
        };
        // The id header is read whenever one is declared; it is required (and signed) when `signed` names {id}.
        let id = match (self.signs_id(), self.id_headers.is_empty()) {
            (true, _) => Some(required(request, &self.id_headers)?),
            (false, false) => request.credential_header(&names(&self.id_headers))?,
            (false, true) => None,
        };
        // The text is kept as sent: the signature covers it.
        let timestamp = match timestamp_text {
            Some(text) => {
                let seconds = self.parse_timestamp(&text)?;
                Some((text, seconds))
            }
            None => None,
        };
        // Entries that do not decode to a whole tag are skipped (a sender may list other formats);
        // with none left the signature is malformed. A short or empty signature can never match.
        let signatures: Vec<Vec<u8>> = candidates
            .iter()
            .filter_map(|text| self.encoding.decode(text))
            .filter(|bytes| bytes.len() == self.algorithm.tag_len())
            .collect();
        if signatures.is_empty() {
            return Err(Error::MalformedSignature("no signature of the expected length and encoding"));
        }
        Ok(Some(Presented { timestamp, id, signatures }))
    }

    /// One signature value in this scheme's syntax: the timestamp it carries, and its signatures.
    fn parse_value<'a>(&self, value: Cow<'a, str>) -> Result<Parsed<'a>, Error> {
        let part = |text: &str| -> Cow<'a, str> {
            match &value {
                Cow::Borrowed(whole) => {
                    Cow::Borrowed(&whole[text.as_ptr() as usize - whole.as_ptr() as usize..][..text.len()])
                }
                Cow::Owned(_) => Cow::Owned(text.to_owned()),
            }
        };
        match &self.syntax {
            Syntax::Prefixed { prefix, optional } => {
                let trimmed = value.trim();
                let signature = match trimmed.strip_prefix(prefix.as_str()) {
                    Some(signature) => signature,
                    None if *optional => trimmed,
                    None => return Err(Error::MalformedSignature("the signature lacks its expected prefix")),
                };
                Ok((None, vec![part(signature)]))
            }
            Syntax::Pairs { separator, timestamp, signature } => {
                let mut found = None;
                let mut signatures = Vec::new();
                for pair in value.split(separator.as_str()) {
                    let Some((key, text)) = pair.split_once('=') else { continue };
                    let (key, text) = (key.trim(), text.trim());
                    if key == timestamp {
                        if found.replace(part(text)).is_some() {
                            return Err(Error::MalformedSignature("the timestamp appears twice"));
                        }
                    } else if key == signature {
                        signatures.push(part(text));
                    }
                }
                let found = found.ok_or(Error::MalformedSignature("the signature header has no timestamp"))?;
                if signatures.is_empty() {
                    return Err(Error::MalformedSignature("the signature header has no signature"));
                }
                Ok((Some(found), signatures))
            }
            Syntax::Versions(version) => Ok((
                None,
                value
                    .split_ascii_whitespace()
                    .filter_map(|entry| entry.split_once(','))
                    .filter(|(v, _)| v == version)
                    .map(|(_, signature)| part(signature))
                    .collect(),
            )),
            Syntax::List(separator) => {
                let mut items = value.split(separator.as_str()).map(str::trim);
                let timestamp = items.next().filter(|t| !t.is_empty()).map(part);
                let signatures: Vec<Cow<'a, str>> = items.map(part).collect();
                if timestamp.is_none() || signatures.is_empty() {
                    return Err(Error::MalformedSignature("the signature header is not a timestamp and signatures"));
                }
                Ok((timestamp, signatures))
            }
        }
    }

    /// The unix seconds of a timestamp as sent, in this scheme's format only (`malformed_signature` in any
    /// other: a sender that signs unix seconds never sends a date).
    pub fn parse_timestamp(&self, text: &str) -> Result<i64, Error> {
        match self.timestamp_format {
            TimestampFormat::Rfc3339 => crate::time::rfc3339_seconds(text)
                .ok_or(Error::MalformedSignature("the timestamp is not an RFC 3339 date-time")),
            // At most 15 digits (18 for milliseconds): the parse and the arithmetic after it cannot overflow.
            TimestampFormat::Unix if text.len() <= 15 => crate::time::digits(text.as_bytes())
                .ok_or(Error::MalformedSignature("the timestamp is not a unix time in seconds")),
            TimestampFormat::UnixMs if text.len() <= 18 => crate::time::digits(text.as_bytes())
                .map(|ms| ms.div_euclid(1000))
                .ok_or(Error::MalformedSignature("the timestamp is not a unix time in milliseconds")),
            _ => Err(Error::MalformedSignature("the timestamp is too long to be a time")),
        }
    }

    /// The timestamp as this scheme's sender writes it.
    pub fn timestamp_text(&self, timestamp: i64) -> Result<String, Error> {
        match self.timestamp_format {
            TimestampFormat::Unix => Ok(timestamp.to_string()),
            TimestampFormat::UnixMs => Ok(timestamp.saturating_mul(1000).to_string()),
            TimestampFormat::Rfc3339 => {
                crate::time::format_utc(timestamp, 0).ok_or(Error::MalformedSignature("the timestamp is out of range"))
            }
        }
    }

    /// The URLs the signature may be over: the one received and, with `defaultPortEither`, the same with
    /// its default port written or left out (Twilio's validator tries both). `[""]` for a scheme that
    /// signs no URL. `missing_url` when it signs one and the request has no absolute URL; for Twilio's
    /// `{form}` with a JSON body, `signature_mismatch` when the body is not the one `bodySHA256` names.
    pub fn signed_urls<'a>(&self, request: &Request<'a>) -> Result<Vec<Cow<'a, str>>, Error> {
        if !self.signs_url() {
            return Ok(vec!["".into()]);
        }
        let received = request.url.filter(|u| url::is_absolute(u)).ok_or(Error::MissingUrl)?;
        if self.signed.reads(|s| *s == Source::Form) {
            if let Some(expected) = url::query_value(received, "bodySHA256") {
                use sha2::Digest;
                let actual = hex::encode(sha2::Sha256::digest(request.body));
                if !bool::from(actual.as_bytes().ct_eq(expected.to_ascii_lowercase().as_bytes())) {
                    // The credential reads fine; the body is not the one signed.
                    return Err(Error::SignatureMismatch("body's SHA-256 named by the URL's `bodySHA256`"));
                }
            }
        }
        let mut urls = vec![Cow::Borrowed(received)];
        if self.default_port_either {
            urls.push(url::toggle_default_port(received).into());
        }
        Ok(urls)
    }

    /// The signed bytes of `delivery` sent to `url` with this timestamp and id text.
    pub fn signed_pieces<'p>(
        &'p self,
        delivery: &'p Delivery<'_, '_>,
        url: &'p str,
        timestamp: &'p str,
        id: Option<&'p str>,
    ) -> Result<Pieces<'p>, Error> {
        let mut pieces = Vec::with_capacity(self.signed.parts.len());
        for part in &self.signed.parts {
            let piece: Cow<'p, [u8]> = match part {
                Part::Literal(text) => Cow::Borrowed(text.as_bytes()),
                Part::Slot { sources, optional } => match slot(sources, delivery, url, timestamp, id)? {
                    Some(piece) => piece,
                    None if *optional => Cow::Borrowed(&[]),
                    None => return Err(Error::MissingSignature("field the signature covers".into())),
                },
            };
            pieces.push(piece);
        }
        Ok(pieces)
    }

    /// Checks the presented signatures against every configured secret, then the timestamp against
    /// `now`. The timestamp is checked second, so `timestamp_out_of_tolerance` always means "authentic but stale".
    pub fn verify<'a, 's>(
        &self,
        delivery: &Delivery<'a, '_>,
        presented: Presented<'a>,
        secrets: impl Iterator<Item = &'s Secret>,
        now: i64,
        tolerance_seconds: u64,
        want_digest: bool,
    ) -> Result<Signed<'a>, Error> {
        let urls = self.signed_urls(delivery.request)?;
        let timestamp = presented.timestamp.as_ref().map_or("", |(text, _)| text.as_ref());
        // The signed bytes once per URL, not once per secret (Twilio's are a sorted copy of the form).
        let signed: Vec<Pieces<'_>> = urls
            .iter()
            .map(|url| self.signed_pieces(delivery, url, timestamp, presented.id))
            .collect::<Result<_, _>>()?;
        // The reason the last unusable key was refused, while no usable one has been seen.
        let mut unusable = Some(super::mac::NOT_BASE64);
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
            for pieces in &signed {
                let tag = self.algorithm.mac(&key, &as_slices(pieces));
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
        let seconds = presented.timestamp.as_ref().map(|(_, value)| *value);
        if let Some(seconds) = seconds {
            if now.abs_diff(seconds) > tolerance_seconds {
                let age_seconds = now.saturating_sub(seconds);
                return Err(Error::TimestampOutOfTolerance { age_seconds, tolerance_seconds });
            }
        }
        // Twilio's signature binds neither where a name ends nor how a value was encoded, nor whether the
        // URL wrote its default port: every delivery it cannot tell apart gets one digest, of the signed
        // bytes over the URL without that port.
        let open_form = self.signed.reads(|s| *s == Source::Form);
        let digest = (want_digest || open_form).then(|| {
            let canonical = if urls.len() > 1 && urls[1].len() < urls[0].len() { 1 } else { 0 };
            super::sha256_hex(&as_slices(&signed[canonical]))
        });
        drop(signed);
        Ok(Signed {
            timestamp: seconds,
            timestamp_text: presented.timestamp.map(|(text, _)| text),
            id: presented.id,
            key_index,
            digest,
        })
    }

    /// The signature a sender computes with `secret` over `delivery` sent to `url`, encoded.
    pub fn signature(
        &self,
        secret: &str,
        delivery: &Delivery<'_, '_>,
        url: &str,
        timestamp: &str,
        id: Option<&str>,
    ) -> Result<String, Error> {
        let key = self.key.key_bytes(secret)?;
        if self.signs_url() && !url::is_absolute(url) {
            return Err(Error::MissingUrl);
        }
        let pieces = self.signed_pieces(delivery, url, timestamp, id)?;
        Ok(self.encoding.encode(&self.algorithm.mac(&key, &as_slices(&pieces))))
    }

    /// The header value that carries `signature` (encoded) and, where the header holds it, `timestamp`
    /// as the sender writes it.
    pub fn header_with(&self, timestamp: &str, signature: &str) -> String {
        match &self.syntax {
            Syntax::Prefixed { prefix, .. } => format!("{prefix}{signature}"),
            Syntax::Pairs { separator, timestamp: t, signature: v } => {
                format!("{t}={timestamp}{separator}{v}={signature}")
            }
            Syntax::Versions(version) => format!("{version},{signature}"),
            Syntax::List(separator) => format!("{timestamp}{separator}{signature}"),
        }
    }

    /// What is signed and how, in words: `hex HMAC-SHA512 of "{t}.{body}" as t=…,v=…`.
    pub fn describe(&self) -> String {
        let algorithm = match self.algorithm {
            super::mac::Algorithm::Sha1 => "SHA1",
            super::mac::Algorithm::Sha256 => "SHA256",
            super::mac::Algorithm::Sha512 => "SHA512",
        };
        let syntax = match &self.syntax {
            Syntax::Prefixed { prefix, .. } if prefix.is_empty() => String::new(),
            Syntax::Prefixed { prefix, optional } => {
                format!(" after `{prefix}`{}", if *optional { " (optional)" } else { "" })
            }
            Syntax::Pairs { separator, timestamp, signature } => format!(" as `{timestamp}=…{separator}{signature}=…`"),
            Syntax::Versions(version) => format!(" as `{version},…` entries"),
            Syntax::List(separator) => format!(" as `timestamp{separator}signature…`"),
        };
        let key = match self.key {
            crate::declaration::KeyFormat::Utf8 => "",
            crate::declaration::KeyFormat::Whsec => ", keyed with the base64 after `whsec_`",
            crate::declaration::KeyFormat::Hex => ", keyed with the hex-decoded secret",
            crate::declaration::KeyFormat::Nfkd => ", keyed with the secret NFKD-normalized",
        };
        format!("{} HMAC-{algorithm} of `{}`{syntax}{key}", self.encoding.name(), template_text(&self.signed))
    }
}

/// The pieces as slices, for the MAC.
pub fn as_slices<'p>(pieces: &'p [Cow<'_, [u8]>]) -> Vec<&'p [u8]> {
    pieces.iter().map(|piece| piece.as_ref()).collect()
}

/// A template written back as its declaration writes it.
pub fn template_text(template: &crate::declaration::Template) -> String {
    let mut out = String::new();
    for part in &template.parts {
        match part {
            // Written as JSON would (a line break as `\n`): the text goes into tables and one-line answers.
            Part::Literal(text) => {
                out.push_str(&text.replace('{', "{{").replace('}', "}}").replace('\\', "\\\\").replace('\n', "\\n"))
            }
            Part::Slot { sources, optional } => {
                out.push('{');
                let names: Vec<String> = sources.iter().map(source_text).collect();
                out.push_str(&names.join("|"));
                if *optional {
                    out.push('?');
                }
                out.push('}');
            }
        }
    }
    out
}

fn source_text(source: &Source) -> String {
    let path = crate::declaration::path_text;
    match source {
        Source::Body => "body".into(),
        Source::Field(p) => format!("body.{}", path(p)),
        Source::Header(name) => format!("header:{name}"),
        Source::Id => "id".into(),
        Source::T => "t".into(),
        Source::Url => "url".into(),
        Source::Method => "method".into(),
        Source::Form => "form".into(),
        Source::FloatWeights => "body:float-weights".into(),
        Source::ContentfulPath => "path:contentful".into(),
        Source::ContentfulHeaders => "headers:contentful".into(),
        Source::Digest => "digest".into(),
        Source::BodyDigest => "digest:body".into(),
        Source::Capture => "*".into(),
    }
}

/// One placeholder of a signed string: the first of its sources that is there.
fn slot<'p>(
    sources: &'p [Source],
    delivery: &'p Delivery<'_, '_>,
    url: &'p str,
    timestamp: &'p str,
    id: Option<&'p str>,
) -> Result<Option<Cow<'p, [u8]>>, Error> {
    let request = delivery.request;
    for source in sources {
        let piece: Option<Cow<'p, [u8]>> = match source {
            Source::Body => Some(Cow::Borrowed(request.body)),
            Source::T => Some(Cow::Borrowed(timestamp.as_bytes())),
            Source::Id => id.map(|id| Cow::Borrowed(id.as_bytes())),
            Source::Url => Some(Cow::Borrowed(url.as_bytes())),
            Source::Method => Some(Cow::Borrowed(request.method.unwrap_or("POST").as_bytes())),
            Source::Header(name) => request.header(name).map(|value| Cow::Borrowed(value.as_bytes())),
            Source::Field(path) => delivery.scalar(path)?.map(|text| match text {
                Cow::Borrowed(text) => Cow::Borrowed(text.as_bytes()),
                Cow::Owned(text) => Cow::Owned(text.into_bytes()),
            }),
            // A JSON body is signed as the URL alone, which names its hash (checked with the URLs).
            Source::Form if url::query_value(url, "bodySHA256").is_some() => Some(Cow::Borrowed(&[][..])),
            Source::Form => Some(Cow::Owned(form::sorted_pairs(request.body))),
            Source::FloatWeights => Some(Cow::Owned(form::float_weights(request.body))),
            Source::ContentfulPath => Some(Cow::Owned(super::contentful::canonical_path(url).into_bytes())),
            Source::ContentfulHeaders => Some(Cow::Owned(super::contentful::canonical_headers(request)?.into_bytes())),
            Source::Digest | Source::BodyDigest | Source::Capture => None,
        };
        if piece.is_some() {
            return Ok(piece);
        }
    }
    Ok(None)
}

/// Whether header `name` is the one `pattern` names (any case), where `{n}` in it stands for a number
/// (DocuSign's `X-DocuSign-Signature-{n}`, one header per active key).
fn header_matches(pattern: &str, name: &str) -> bool {
    match pattern.split_once("{n}") {
        None => pattern.eq_ignore_ascii_case(name),
        Some((before, after)) => {
            name.len() > before.len() + after.len()
                && name.get(..before.len()).is_some_and(|head| head.eq_ignore_ascii_case(before))
                && name.get(name.len() - after.len()..).is_some_and(|tail| tail.eq_ignore_ascii_case(after))
                && name[before.len()..name.len() - after.len()].bytes().all(|b| b.is_ascii_digit())
        }
    }
}

/// The header names as the request reader takes them.
fn names(headers: &[String]) -> Vec<&str> {
    headers.iter().map(String::as_str).collect()
}

fn required<'a>(request: &Request<'a>, names_: &[String]) -> Result<&'a str, Error> {
    request.credential_header(&names(names_))?.ok_or_else(|| {
        Error::MissingSignature(format!("{} header", names_.first().map_or("signature", String::as_str)).into())
    })
}
