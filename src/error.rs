//! The one error type. Callers branch on [`Error::code`]; people read [`Display`](std::fmt::Display).
//! No variant holds secret material, so no message, `Debug` or `Display` output can leak a secret.

use std::borrow::Cow;
use std::fmt;

/// Why a delivery was rejected. Each variant has a stable [`code`](Error::code).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// No usable secret or token is configured for the provider: hookgate fails closed and rejects
    /// everything. The text says what is missing or unusable (never the value).
    MissingSecret(Cow<'static, str>),
    /// The request carries no credential where the provider puts one (header, URL parameter or body field).
    MissingSignature(Cow<'static, str>),
    /// A credential is present but cannot be parsed (wrong scheme, not hex/base64, bad timestamp, wrong length).
    MalformedSignature(&'static str),
    /// The credential is well formed but matches none of the configured secrets.
    SignatureMismatch(&'static str),
    /// The signature is valid but its signed timestamp is further from now than the tolerance allows.
    TimestampOutOfTolerance {
        /// Seconds between the signed timestamp and now (positive: in the past).
        age_seconds: i64,
        /// The configured tolerance in seconds.
        tolerance_seconds: u64,
    },
    /// The body is not valid JSON (or not UTF-8, or nested too deep).
    InvalidJson {
        /// 1-based line of the first error.
        line: usize,
        /// 1-based column of the first error.
        column: usize,
    },
    /// The body is JSON but lacks what the provider documents (wrong shape, a required field missing).
    InvalidPayload(Cow<'static, str>),
    /// The body is larger than `max_body_bytes`; nothing was hashed or parsed.
    PayloadTooLarge {
        /// The configured limit in bytes.
        limit: usize,
    },
    /// The provider signs the URL it called (Square, Twilio) and the request has no absolute URL: the
    /// receiver must pass the URL as the sender called it (the gateway: its public URL).
    MissingUrl,
    /// The provider id is not one hookgate knows.
    UnknownProvider,
    /// A provider declaration given at run time cannot be read: the text names the field and what is
    /// wrong with it (a programmer's error: the JS package throws it as a `TypeError`).
    InvalidDeclaration(Cow<'static, str>),
}

impl Error {
    /// The stable machine-readable code, e.g. `"signature_mismatch"`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::MissingSecret(_) => "missing_secret",
            Error::MissingSignature(_) => "missing_signature",
            Error::MalformedSignature(_) => "malformed_signature",
            Error::SignatureMismatch(_) => "signature_mismatch",
            Error::TimestampOutOfTolerance { .. } => "timestamp_out_of_tolerance",
            Error::InvalidJson { .. } => "invalid_json",
            Error::InvalidPayload(_) => "invalid_payload",
            Error::PayloadTooLarge { .. } => "payload_too_large",
            Error::MissingUrl => "missing_url",
            Error::UnknownProvider => "unknown_provider",
            Error::InvalidDeclaration(_) => "invalid_declaration",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::MissingSecret(why) => write!(f, "{why}, so every delivery is rejected"),
            Error::MissingSignature(what) => write!(f, "the request has no {what}"),
            Error::MalformedSignature(why) => write!(f, "the credential is malformed: {why}"),
            Error::SignatureMismatch(what) => write!(f, "the {what} matches none of the configured secrets"),
            Error::TimestampOutOfTolerance { age_seconds, tolerance_seconds } => write!(
                f,
                "the signed timestamp is {age_seconds} s from now, outside the tolerance of {tolerance_seconds} s"
            ),
            Error::InvalidJson { line, column } => {
                write!(f, "the body is not valid JSON (line {line}, column {column})")
            }
            Error::InvalidPayload(why) => write!(f, "the payload is not what the provider sends: {why}"),
            Error::PayloadTooLarge { limit } => write!(f, "the body is larger than the limit of {limit} bytes"),
            Error::MissingUrl => write!(
                f,
                "this provider signs the URL it called, and the request has no absolute URL: pass the URL as the sender called it"
            ),
            Error::UnknownProvider => write!(f, "unknown provider"),
            Error::InvalidDeclaration(why) => write!(f, "the provider declaration is invalid: {why}"),
        }
    }
}

impl std::error::Error for Error {}
