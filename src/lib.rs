#![doc = include_str!("../docs/rust.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(not(test), warn(clippy::unwrap_used))]

#[cfg(feature = "wasm")]
mod bindings;
pub mod declaration;
mod delivery;
mod error;
mod event;
#[cfg(feature = "explain")]
pub mod explain;
mod forward;
#[cfg(feature = "fuzzing")]
pub mod fuzzing;
mod interpret;
mod json;
mod options;
mod pipeline;
pub mod providers;
mod request;
pub mod scheme;
mod sort;
mod time;

pub use declaration::Declaration;
pub use error::Error;
pub use event::{Event, Status, Subject, UNKNOWN_TYPE};
pub use forward::{header_safe, replay_digest, sign_for_origin, OriginHeaders};
pub use options::{KeyKind, Options, Secret, DEFAULT_MAX_BODY_BYTES, DEFAULT_TOLERANCE_SECONDS};
pub use pipeline::{
    sign_delivery, sign_delivery_declared, verify_at, verify_declared_at, verify_json_at, MAX_ID_BYTES,
};
pub use request::Request;
pub use scheme::{Algorithm, Encoding, SignedDelivery, Signing};

/// The README's Rust quick start, run as a doctest so that it cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeQuickStart;

/// Verifies a delivery for the built-in `provider` against the system clock and normalizes it.
///
/// See [`verify_at`]; this only supplies `now`. (wasm32-unknown-unknown has no clock: use `verify_at`.)
#[cfg(not(target_arch = "wasm32"))]
pub fn verify<'a>(provider: &str, request: &Request<'a>, options: &Options) -> Result<Event<'a>, Error> {
    verify_at(provider, request, options, pipeline::system_now())
}

/// Verifies a delivery for a provider declared at run time ([`Declaration::parse`]) against the system
/// clock and normalizes it. See [`verify_declared_at`].
#[cfg(not(target_arch = "wasm32"))]
pub fn verify_declared<'a>(
    declaration: &Declaration,
    request: &Request<'a>,
    options: &Options,
) -> Result<Event<'a>, Error> {
    verify_declared_at(declaration, request, options, pipeline::system_now())
}

/// The built-in provider a delivery most likely comes from (its signature header, else its payload's
/// keys), by id.
pub fn detect(request: &Request<'_>) -> Option<String> {
    providers::detect(request).map(|declaration| declaration.id.clone())
}
