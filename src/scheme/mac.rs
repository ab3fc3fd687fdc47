//! The MAC itself: the hash under the HMAC, how signatures are written, how a configured secret becomes
//! the key, and the keyed states of the last keys used. Every HMAC starts by hashing the key twice (inner
//! and outer pads), a third of the work for a small delivery; a server verifies delivery after delivery
//! with the same few secrets, so those states are kept and cloned.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};

use base64ct::{Base64, Base64UrlUnpadded, Encoding as _};
use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;
use sha2::{Sha256, Sha512};
use subtle::ConstantTimeEq;

use crate::declaration::KeyFormat;
use crate::Error;

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
    /// The tag's length in bytes.
    pub fn tag_len(self) -> usize {
        match self {
            Algorithm::Sha1 => 20,
            Algorithm::Sha256 => 32,
            Algorithm::Sha512 => 64,
        }
    }

    /// The HMAC of the signed bytes, fed piece by piece so the signed string is never copied. Not
    /// inlined: each caller would otherwise carry a copy of all three hashes' update loops.
    #[inline(never)]
    pub fn mac(self, key: &[u8], pieces: &[&[u8]]) -> Vec<u8> {
        fn run<M: Mac>(mut mac: M, pieces: &[&[u8]]) -> Vec<u8> {
            for piece in pieces {
                mac.update(piece);
            }
            mac.finalize().into_bytes().to_vec()
        }
        match keyed(self, key) {
            Keyed::Sha1(mac) => run(mac, pieces),
            Keyed::Sha256(mac) => run(mac, pieces),
            Keyed::Sha512(mac) => run(mac, pieces),
        }
    }
}

/// How the signature bytes are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Lower- or upper-case hex.
    Hex,
    /// Standard base64 with padding.
    Base64,
    /// The URL-safe alphabet without padding (Sanity).
    Base64Url,
}

impl Encoding {
    /// The bytes `text` encodes; `None` when it is not canonical in this encoding.
    pub fn decode(self, text: &str) -> Option<Vec<u8>> {
        match self {
            Encoding::Hex => hex::decode(text).ok(),
            Encoding::Base64 => Base64::decode_vec(text).ok(),
            Encoding::Base64Url => Base64UrlUnpadded::decode_vec(text).ok(),
        }
    }

    /// `bytes` in this encoding (hex in lower case).
    pub fn encode(self, bytes: &[u8]) -> String {
        match self {
            Encoding::Hex => hex::encode(bytes),
            Encoding::Base64 => Base64::encode_string(bytes),
            Encoding::Base64Url => Base64UrlUnpadded::encode_string(bytes),
        }
    }

    /// Its name in a declaration.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Hex => "hex",
            Encoding::Base64 => "base64",
            Encoding::Base64Url => "base64url",
        }
    }
}

/// The shortest `whsec_` key accepted. Standard Webhooks senders issue 24 to 64 random bytes; a key of a
/// few bytes (or none: `whsec_` alone decodes to an empty key) would let anyone sign.
pub const MIN_WHSEC_KEY_BYTES: usize = 16;

pub(crate) const NOT_BASE64: Error =
    Error::MissingSecret(Cow::Borrowed("the configured `whsec_` secret is not base64 after `whsec_`"));
const TOO_SHORT: Error = Error::MissingSecret(Cow::Borrowed(
    "the configured `whsec_` secret decodes to fewer than 16 bytes; a key must have at least 16 bytes, a shorter one is too weak",
));
const NOT_HEX: Error =
    Error::MissingSecret(Cow::Borrowed("the configured secret is not hex, and this sender's key is hex-decoded"));

/// An HMAC key: the secret's own bytes, or bytes decoded from it (wiped when dropped).
#[derive(Debug, PartialEq, Eq)]
pub enum Key<'s> {
    /// The secret's UTF-8 bytes.
    Given(&'s [u8]),
    /// Decoded from the secret.
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
    pub fn key_bytes(self, secret: &str) -> Result<Key<'_>, Error> {
        match self {
            KeyFormat::Utf8 | KeyFormat::Nfkd => Ok(Key::Given(secret.as_bytes())),
            KeyFormat::Hex => hex::decode(secret).map(|key| Key::Decoded(key.into())).map_err(|_| NOT_HEX),
            KeyFormat::Whsec => {
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

/// How many keyed states are kept (rotation pairs for a few endpoints).
const KEPT: usize = 8;

#[derive(Clone)]
enum Keyed {
    Sha1(Hmac<Sha1>),
    Sha256(Hmac<Sha256>),
    Sha512(Hmac<Sha512>),
}

/// The key is wiped when its entry is replaced.
type Entry = (Algorithm, zeroize::Zeroizing<Vec<u8>>, Keyed);

thread_local! {
    /// The kept states, replaced in turn: a fixed array, so that keeping one moves no other.
    static RECENT: RefCell<[Option<Entry>; KEPT]> = const { RefCell::new([const { None }; KEPT]) };
    static NEXT: Cell<usize> = const { Cell::new(0) };
}

/// A fresh HMAC with `algorithm` keyed with `key`, from the kept states when they hold that key.
fn keyed(algorithm: Algorithm, key: &[u8]) -> Keyed {
    RECENT.with_borrow_mut(|recent| {
        // The keys compared are configured secrets, never request data; compared in constant time anyway.
        let kept =
            recent.iter().flatten().find(|(kind, k, _)| *kind == algorithm && bool::from(k.as_slice().ct_eq(key)));
        if let Some((_, _, state)) = kept {
            return state.clone();
        }
        let state = match algorithm {
            Algorithm::Sha1 => Keyed::Sha1(new(key)),
            Algorithm::Sha256 => Keyed::Sha256(new(key)),
            Algorithm::Sha512 => Keyed::Sha512(new(key)),
        };
        let slot = NEXT.replace((NEXT.get() + 1) % KEPT);
        recent[slot] = Some((algorithm, key.to_vec().into(), state.clone()));
        state
    })
}

fn new<M: Mac + KeyInit>(key: &[u8]) -> M {
    let Ok(mac) = <M as KeyInit>::new_from_slice(key) else { unreachable!("HMAC takes keys of any length") };
    mac
}

#[cfg(test)]
mod tests {
    use super::*;
    // Compiled to wasm32 (scripts/test.sh), these run under wasm-bindgen-test-runner in Node.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn a_kept_state_gives_the_same_tag_as_a_fresh_one() {
        let all = [Algorithm::Sha1, Algorithm::Sha256, Algorithm::Sha512];
        for algorithm in all {
            let first = algorithm.mac(b"k1", &[b"da", b"ta"]);
            assert_eq!(first, algorithm.mac(b"k1", &[b"data"]));
            assert_ne!(first, algorithm.mac(b"k2", &[b"data"]));
            assert_eq!(first.len(), algorithm.tag_len());
            for other in all.into_iter().filter(|other| *other != algorithm) {
                assert_ne!(other.mac(b"k1", &[b"data"]), first);
            }
        }
        for i in 0..(KEPT * 2) {
            keyed(Algorithm::Sha512, format!("key-{i}").as_bytes());
        }
        // The last KEPT keys are the ones kept.
        RECENT.with_borrow(|recent| {
            let mut kept: Vec<Vec<u8>> = recent.iter().flatten().map(|(_, key, _)| key.to_vec()).collect();
            kept.sort();
            let mut last: Vec<Vec<u8>> = (KEPT..KEPT * 2).map(|i| format!("key-{i}").into_bytes()).collect();
            last.sort();
            assert_eq!(kept, last);
        });
    }

    #[test]
    fn decodes_whsec_and_hex_keys_and_says_why_when_it_cannot() {
        let key = b"sixteen-byte-key";
        assert_eq!(KeyFormat::Whsec.key_bytes("whsec_c2l4dGVlbi1ieXRlLWtleQ==").as_deref(), Ok(&key[..]));
        assert_eq!(KeyFormat::Whsec.key_bytes("c2l4dGVlbi1ieXRlLWtleQ==").as_deref(), Ok(&key[..]));
        assert_eq!(KeyFormat::Whsec.key_bytes("whsec_not base64").unwrap_err().code(), "missing_secret");
        for secret in ["whsec_", "whsec_AA==", "whsec_aGk=", "whsec_ZmlmdGVlbi1ieXRlLWtl"] {
            let message = KeyFormat::Whsec.key_bytes(secret).unwrap_err().to_string();
            assert!(message.contains("at least 16 bytes"), "{message}");
        }
        assert_eq!(KeyFormat::Hex.key_bytes("00ff").as_deref(), Ok(&[0, 255][..]));
        assert_eq!(KeyFormat::Hex.key_bytes("zz").unwrap_err().code(), "missing_secret");
    }

    #[test]
    fn reads_only_canonical_encodings() {
        assert_eq!(Encoding::Base64.decode("aGk=").as_deref(), Some(&b"hi"[..]));
        // Unpadded, wrong alphabet, stray whitespace, bits past the end: one byte string, one spelling.
        for text in ["aGk", "aGl=", "a-k=", "aGk= ", " aGk=", "aG\nk=", "aGk==", "===="] {
            assert_eq!(Encoding::Base64.decode(text), None, "{text:?}");
        }
        assert_eq!(Encoding::Base64.encode(&[0xfb, 0xff]), "+/8=");
        assert_eq!(Encoding::Base64Url.encode(&[0xfb, 0xff]), "-_8");
        assert_eq!(Encoding::Base64Url.decode("-_8").as_deref(), Some(&[0xfb, 0xff][..]));
        assert_eq!(Encoding::Base64Url.decode("-_8="), None);
        assert_eq!(Encoding::Hex.decode("AbCd").as_deref(), Some(&[0xab, 0xcd][..]));
    }
}
