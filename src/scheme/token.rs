//! Constant-time comparison of a presented token with the configured ones.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::Secret;

/// The index of the configured token that equals `presented`, if any.
///
/// Both sides are hashed to fixed-size SHA-256 digests before the comparison: `subtle`'s slice compare
/// returns early on a length difference, which would tell an attacker the token's length. Every
/// configured token is compared, so the time does not reveal which one matched either.
pub fn match_token<'s>(presented: &str, configured: impl Iterator<Item = &'s Secret>) -> Option<usize> {
    let presented = digest(presented);
    let mut matched = None;
    for (index, token) in configured.enumerate() {
        let expected = digest(token.expose());
        if bool::from(expected.as_slice().ct_eq(presented.as_slice())) && matched.is_none() {
            matched = Some(index);
        }
    }
    matched
}

/// SHA-256 of a token by a hasher that stays where it is and wipes itself when dropped (`Digest::digest`
/// moves it by value, leaving a copy of the token's bytes in memory nothing wipes).
fn digest(token: &str) -> sha2::digest::Output<Sha256> {
    let mut hasher = Sha256::new();
    hasher.update(token.as_bytes());
    hasher.finalize_reset()
}

#[cfg(test)]
mod tests {
    use super::*;
    // Compiled to wasm32 (scripts/test.sh), these run under wasm-bindgen-test-runner in Node.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn tokens(values: &[&str]) -> Vec<Secret> {
        values.iter().map(|v| Secret::new(*v)).collect()
    }

    #[test]
    fn matches_any_of_several_tokens() {
        let configured = tokens(&["old", "new"]);
        assert_eq!(match_token("new", configured.iter()), Some(1));
        assert_eq!(match_token("old", configured.iter()), Some(0));
    }

    #[test]
    fn rejects_prefixes_extensions_and_empty_tokens() {
        let configured = tokens(&["your-subscriber-secret-123"]);
        for presented in ["your-subscriber-secret-12", "your-subscriber-secret-1234", "", "YOUR-SUBSCRIBER-SECRET-123"]
        {
            assert_eq!(match_token(presented, configured.iter()), None, "{presented}");
        }
    }
}
