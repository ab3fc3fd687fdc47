//! What a verifier is configured with: secrets, tokens and limits.

use std::fmt;

/// A configured secret or token. Its `Debug` prints `[REDACTED]`, so no `{:?}` can print it; it has no
/// `==` (a secret is compared only in constant time: `scheme::token`, `subtle`); and its memory is
/// zeroed when it is dropped.
#[derive(Clone)]
pub struct Secret(Box<str>);

impl Drop for Secret {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut *self.0);
    }
}

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<Box<str>>) -> Self {
        Secret(value.into())
    }

    /// The secret's text, for the code that checks a credential against it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

impl<T: Into<Box<str>>> From<T> for Secret {
    fn from(value: T) -> Self {
        Secret::new(value)
    }
}

/// Default tolerance between a signed timestamp and now, in seconds (as Standard Webhooks and Stripe use).
pub const DEFAULT_TOLERANCE_SECONDS: u64 = 300;
/// Default largest accepted body, in bytes (1 MiB).
pub const DEFAULT_MAX_BODY_BYTES: usize = 1024 * 1024;

/// Verifier configuration. Empty strings are ignored, so `secrets: vec!["".into()]` is "not configured"
/// and rejects every delivery (fail closed).
#[derive(Debug, Clone)]
pub struct Options {
    /// Signing secrets or bearer secrets; several allow key rotation (any match passes).
    pub secrets: Vec<Secret>,
    /// URL/bearer tokens (returns.cloud, ReReady's `token` parameter); several allow rotation.
    pub tokens: Vec<Secret>,
    /// Largest accepted distance between a signed timestamp and now, in seconds.
    pub tolerance_seconds: u64,
    /// Largest accepted body in bytes; larger bodies fail before any hashing or parsing.
    pub max_body_bytes: usize,
    /// The generic `hmac` provider's signature scheme, as JSON: an HMAC credential as a declaration
    /// writes it (`{"header", "algorithm", "encoding", "signed", …}`; ignored by the other providers).
    pub hmac: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            secrets: Vec::new(),
            tokens: Vec::new(),
            tolerance_seconds: DEFAULT_TOLERANCE_SECONDS,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            hmac: None,
        }
    }
}

impl Options {
    /// Options with one secret and the defaults.
    pub fn with_secret(secret: impl Into<Secret>) -> Self {
        Options { secrets: vec![secret.into()], ..Options::default() }
    }

    /// Options with one token and the defaults.
    pub fn with_token(token: impl Into<Secret>) -> Self {
        Options { tokens: vec![token.into()], ..Options::default() }
    }

    /// The configured values of one kind, empty strings left out.
    pub(crate) fn keys(&self, kind: KeyKind) -> impl Iterator<Item = &Secret> + Clone {
        let list = match kind {
            KeyKind::Secret => &self.secrets,
            KeyKind::Token => &self.tokens,
        };
        list.iter().filter(|s| !s.expose().is_empty())
    }
}

/// Which option list holds the keys for a credential scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    /// `Options::secrets`.
    Secret,
    /// `Options::tokens`.
    Token,
}

#[cfg(test)]
mod tests {
    use super::*;
    // Compiled to wasm32 (scripts/test.sh), these run under wasm-bindgen-test-runner in Node.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn a_secret_never_prints_itself() {
        let options = Options { tokens: vec!["tok_live".into()], ..Options::with_secret("ssk_live") };
        let printed = format!("{options:?}");
        assert!(!printed.contains("ssk_live") && !printed.contains("tok_live"), "{printed}");
        assert!(printed.contains("[REDACTED]"));
    }

    #[test]
    fn empty_secrets_do_not_count_as_configured() {
        let options = Options { secrets: vec!["".into(), "s".into()], ..Options::default() };
        assert_eq!(options.keys(KeyKind::Secret).count(), 1);
        assert_eq!(options.keys(KeyKind::Token).count(), 0);
    }
}
