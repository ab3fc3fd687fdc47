//! A provider's credentials as declared: an HMAC signature (where it travels, its syntax, what it signs,
//! how the secret becomes its key), or a bearer token, a URL token, a secret inside the body.

use super::template::{Path, Source, Template, Use};
use super::{Invalid, Members, Raw};
use crate::scheme::mac::{Algorithm, Encoding};
use crate::KeyKind;

/// One way a provider authenticates a delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credential {
    /// An HMAC signature (boxed: it is most of the enum's size).
    Hmac(Box<Hmac>),
    /// `Authorization: Bearer <key>`.
    Bearer {
        /// Which option holds the key.
        key: KeyKind,
    },
    /// A URL query parameter holding the key.
    UrlToken {
        /// The parameter.
        param: String,
        /// Which option holds the key.
        key: KeyKind,
    },
    /// A string inside the JSON body holding the key; removed from the event.
    BodySecret {
        /// Object keys leading to it.
        path: Vec<String>,
    },
    /// An HMAC signature described by the `hmac` option at run time (the generic `hmac` provider).
    Configured,
}

/// The syntax of a signature header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Syntax {
    /// One signature after a prefix matched exactly (`sha256=`, or none).
    Prefixed {
        /// The prefix.
        prefix: String,
        /// Whether a signature without the prefix is taken too.
        optional: bool,
    },
    /// `key=value` pairs: the timestamp once, the signature key one or more times (`t=…,v1=…`).
    Pairs {
        /// What separates the pairs.
        separator: String,
        /// The timestamp's key.
        timestamp: String,
        /// The signature's key.
        signature: String,
    },
    /// Space-separated `<version>,<signature>` entries (Standard Webhooks), this version kept.
    Versions(String),
    /// The timestamp, then signatures, separated by this (Recurly's `<t>,<sig>,<sig>`).
    List(String),
}

/// Where the timestamp comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimestampAt {
    /// Nowhere: the scheme signs none.
    Unsigned,
    /// Inside the signature header (`pairs`, `list`).
    Inline,
    /// A header, with aliases.
    Header(Vec<String>),
    /// A body field.
    Field(Path),
}

/// How a timestamp is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampFormat {
    /// Unix seconds.
    Unix,
    /// Unix milliseconds.
    UnixMs,
    /// An RFC 3339 date-time.
    Rfc3339,
}

/// How a configured secret becomes the HMAC key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyFormat {
    /// Its UTF-8 bytes, as given.
    Utf8,
    /// Standard Webhooks: base64 after an optional `whsec_`, at least 16 bytes.
    Whsec,
    /// Hex-decoded (Adyen).
    Hex,
    /// The UTF-8 bytes of the secret NFKD-normalized (EasyPost): the caller normalizes (the JS package
    /// does); the module carries no Unicode tables.
    Nfkd,
}

/// An HMAC signature, declared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hmac {
    /// The signature's headers (aliases, or with `each_header` each holding signatures).
    pub headers: Vec<String>,
    /// Every listed header that is present holds signatures (Box's primary and secondary).
    pub each_header: bool,
    /// A body path holding the signature instead of a header (Adyen, Mailgun).
    pub signature_field: Option<Path>,
    /// A body path to an array that must hold exactly one item: the signature covers one (Adyen signs
    /// each notification item on its own, and hookgate reads one), so items beside it would be unsigned.
    pub single_item: Option<Path>,
    /// The header's syntax.
    pub syntax: Syntax,
    /// The hash.
    pub algorithm: Algorithm,
    /// How the signature is written.
    pub encoding: Encoding,
    /// What is signed.
    pub signed: Template,
    /// Where the timestamp comes from.
    pub timestamp: TimestampAt,
    /// How the timestamp is written.
    pub timestamp_format: TimestampFormat,
    /// Where the message id comes from, with aliases.
    pub id_headers: Vec<String>,
    /// How the secret becomes the key.
    pub key: KeyFormat,
    /// Headers that must hold exactly this value (case-insensitive).
    pub require: Vec<(String, String)>,
    /// The URL may carry its scheme's default port or not (Twilio's validator tries both).
    pub default_port_either: bool,
}

impl Hmac {
    /// Whether the signed string holds the timestamp.
    pub fn signs_timestamp(&self) -> bool {
        self.signed.reads(|s| *s == Source::T)
    }

    /// Whether the signed string holds the message id.
    pub fn signs_id(&self) -> bool {
        self.signed.reads(|s| *s == Source::Id)
    }

    /// Whether the signed string holds the URL the sender called.
    pub fn signs_url(&self) -> bool {
        self.signed.reads(|s| matches!(s, Source::Url | Source::Form | Source::ContentfulPath))
    }
}

impl Credential {
    /// Which option list holds this credential's keys.
    pub fn key_kind(&self) -> KeyKind {
        match self {
            Credential::Bearer { key } | Credential::UrlToken { key, .. } => *key,
            Credential::BodySecret { .. } | Credential::Hmac(_) | Credential::Configured => KeyKind::Secret,
        }
    }

    /// Reads one credential object.
    pub fn parse(members: &Members<'_, '_>) -> Result<Credential, Invalid> {
        let scheme = members.text("scheme")?.unwrap_or_else(|| "hmac".into());
        let key = || -> Result<KeyKind, Invalid> {
            match members.choice("key", &["secret", "token"])? {
                None | Some(0) => Ok(KeyKind::Secret),
                Some(_) => Ok(KeyKind::Token),
            }
        };
        match scheme.as_ref() {
            "hmac" => Hmac::parse(members).map(|hmac| Credential::Hmac(Box::new(hmac))),
            "bearer" => {
                members.known(&["scheme", "key"])?;
                Ok(Credential::Bearer { key: key()? })
            }
            "url-token" => {
                members.known(&["scheme", "key", "param"])?;
                Ok(Credential::UrlToken { param: members.required_text("param")?, key: key()? })
            }
            "body-secret" => {
                members.known(&["scheme", "path"])?;
                let path: Vec<String> = members.required_text("path")?.split('.').map(str::to_owned).collect();
                if path.iter().any(String::is_empty) {
                    return Err(Invalid::at(&members.at("path"), "must be object keys joined by dots"));
                }
                Ok(Credential::BodySecret { path })
            }
            "configured" => Ok(Credential::Configured),
            _ => Err(Invalid::at(&members.at("scheme"), "must be hmac, bearer, url-token or body-secret")),
        }
    }
}

impl Hmac {
    /// Reads an HMAC credential: the generic provider's `hmac` option has this shape too.
    pub fn parse(members: &Members<'_, '_>) -> Result<Hmac, Invalid> {
        members.known(&[
            "scheme",
            "header",
            "eachHeader",
            "signatureField",
            "singleItem",
            "algorithm",
            "encoding",
            "prefix",
            "prefixOptional",
            "pairs",
            "versions",
            "list",
            "signed",
            "timestampHeader",
            "timestampField",
            "timestampFormat",
            "idHeader",
            "key",
            "require",
            "defaultPortEither",
        ])?;
        let headers = members.names("header")?.unwrap_or_default();
        let signature_field = members.path("signatureField")?;
        if headers.is_empty() == signature_field.is_none() {
            return Err(Invalid::at(members.name, "needs `header` (or `signatureField`), and only one of them"));
        }
        let algorithm = match members.choice("algorithm", &["sha1", "sha256", "sha512"])? {
            Some(0) => Algorithm::Sha1,
            Some(1) => Algorithm::Sha256,
            Some(_) => Algorithm::Sha512,
            None => return Err(Invalid::at(&members.at("algorithm"), "must be one of sha1, sha256, sha512")),
        };
        let encoding = match members.choice("encoding", &["hex", "base64", "base64url"])? {
            Some(0) => Encoding::Hex,
            Some(1) => Encoding::Base64,
            Some(_) => Encoding::Base64Url,
            None => return Err(Invalid::at(&members.at("encoding"), "must be one of hex, base64, base64url")),
        };
        let syntax = syntax(members)?;
        let signed = match members.text("signed")?.as_deref() {
            Some("body") => "{body}".to_owned(),
            Some("t.body") => "{t}.{body}".to_owned(),
            Some("id.t.body") => "{id}.{t}.{body}".to_owned(),
            Some(template) if !template.is_empty() => template.to_owned(),
            _ => {
                return Err(Invalid::at(&members.at("signed"), "must be a template or one of body, t.body, id.t.body"))
            }
        };
        let signed = Template::parse(&signed, Use::Signed, &members.at("signed"))?;
        let inline = matches!(syntax, Syntax::Pairs { .. } | Syntax::List(_));
        let timestamp = match (members.names("timestampHeader")?, members.path("timestampField")?, inline) {
            (None, None, true) => TimestampAt::Inline,
            (Some(headers), None, false) => TimestampAt::Header(headers),
            (None, Some(path), false) => TimestampAt::Field(path),
            (None, None, false) => TimestampAt::Unsigned,
            _ => {
                return Err(Invalid::at(
                    members.name,
                    "takes its timestamp from one place: the header's pairs or list, `timestampHeader`, or `timestampField`",
                ))
            }
        };
        let hmac = Hmac {
            headers,
            each_header: members.flag("eachHeader")?,
            signature_field,
            single_item: members.path("singleItem")?,
            syntax,
            algorithm,
            encoding,
            signed,
            timestamp,
            timestamp_format: match members.choice("timestampFormat", &["unix", "unix-ms", "rfc3339"])? {
                None | Some(0) => TimestampFormat::Unix,
                Some(1) => TimestampFormat::UnixMs,
                Some(_) => TimestampFormat::Rfc3339,
            },
            id_headers: members.names("idHeader")?.unwrap_or_default(),
            key: match members.choice("key", &["utf8", "whsec", "hex", "nfkd"])? {
                None | Some(0) => KeyFormat::Utf8,
                Some(1) => KeyFormat::Whsec,
                Some(2) => KeyFormat::Hex,
                Some(_) => KeyFormat::Nfkd,
            },
            require: match members.get("require") {
                None => Vec::new(),
                Some(Raw::Object(entries)) => entries
                    .into_iter()
                    .map(|(header, value)| match value {
                        Raw::String(value) => Ok((header, value.into_owned())),
                        _ => Err(Invalid::at(&members.at("require"), "values must be strings")),
                    })
                    .collect::<Result<_, _>>()?,
                Some(_) => {
                    return Err(Invalid::at(&members.at("require"), "must be an object of header names and values"))
                }
            },
            default_port_either: members.flag("defaultPortEither")?,
        };
        // What the signed string names must be somewhere in the delivery, and what is read must be signed.
        if hmac.signs_timestamp() && hmac.timestamp == TimestampAt::Unsigned {
            return Err(Invalid::at(
                &members.at("signed"),
                "names {t}, so `timestampHeader` or `timestampField` is needed",
            ));
        }
        // A timestamp the signature does not cover could be moved at will (Contentful's is among its signed headers).
        let covered = hmac.signs_timestamp() || hmac.signed.reads(|s| *s == Source::ContentfulHeaders);
        if !covered && matches!(hmac.timestamp, TimestampAt::Header(_)) {
            return Err(Invalid::at(&members.at("timestampHeader"), "is given, but `signed` does not name {t}"));
        }
        if hmac.signs_id() && hmac.id_headers.is_empty() {
            return Err(Invalid::at(&members.at("signed"), "names {id}, so `idHeader` is needed"));
        }
        Ok(hmac)
    }
}

/// The header syntax: `pairs`, `versions`, `list`, or a plain value after `prefix`.
fn syntax(members: &Members<'_, '_>) -> Result<Syntax, Invalid> {
    let prefix = members.text("prefix")?;
    let versions = members.text("versions")?;
    let list = members.text("list")?;
    let pairs = members.get("pairs");
    if [prefix.is_some(), versions.is_some(), list.is_some(), pairs.is_some()].iter().filter(|given| **given).count()
        > 1
    {
        return Err(Invalid::at(members.name, "takes one of `prefix`, `pairs`, `versions` and `list`"));
    }
    match pairs {
        Some(Raw::Object(entries)) => {
            let pairs = Members { list: &entries, name: &members.at("pairs") };
            pairs.known(&["separator", "timestamp", "signature"])?;
            return Ok(Syntax::Pairs {
                separator: pairs.required_text("separator")?,
                timestamp: pairs.required_text("timestamp")?,
                signature: pairs.required_text("signature")?,
            });
        }
        Some(_) => return Err(Invalid::at(&members.at("pairs"), "must be an object")),
        None => {}
    }
    if let Some(version) = versions {
        return if version.is_empty() {
            Err(Invalid::at(&members.at("versions"), "must not be empty"))
        } else {
            Ok(Syntax::Versions(version))
        };
    }
    if let Some(separator) = list {
        return if separator.is_empty() {
            Err(Invalid::at(&members.at("list"), "must not be empty"))
        } else {
            Ok(Syntax::List(separator))
        };
    }
    Ok(Syntax::Prefixed { prefix: prefix.unwrap_or_default(), optional: members.flag("prefixOptional")? })
}
