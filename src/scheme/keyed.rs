//! HMAC states right after their key is absorbed, for the last few keys used. Every HMAC starts by
//! hashing the key twice (inner and outer pads): a third of the work for a small delivery. A server
//! verifies delivery after delivery with the same few secrets, so those states are kept and cloned.

use std::cell::{Cell, RefCell};

use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;
use sha2::{Sha256, Sha512};
use subtle::ConstantTimeEq;

use super::signature::Algorithm;

/// How many keyed states are kept (rotation pairs for a few endpoints).
const KEPT: usize = 8;

#[derive(Clone)]
pub enum Keyed {
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
pub fn keyed(algorithm: Algorithm, key: &[u8]) -> Keyed {
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

    fn tag(state: Keyed, data: &[u8]) -> Vec<u8> {
        fn run<M: Mac>(mut m: M, data: &[u8]) -> Vec<u8> {
            m.update(data);
            m.finalize().into_bytes().to_vec()
        }
        match state {
            Keyed::Sha1(m) => run(m, data),
            Keyed::Sha256(m) => run(m, data),
            Keyed::Sha512(m) => run(m, data),
        }
    }

    #[test]
    fn a_cached_state_gives_the_same_tag_as_a_fresh_one() {
        let all = [Algorithm::Sha1, Algorithm::Sha256, Algorithm::Sha512];
        for algorithm in all {
            let first = tag(keyed(algorithm, b"k1"), b"data");
            let again = tag(keyed(algorithm, b"k1"), b"data");
            assert_eq!(first, again);
            assert_ne!(first, tag(keyed(algorithm, b"k2"), b"data"));
            for other in all.into_iter().filter(|other| *other != algorithm) {
                assert_ne!(tag(keyed(other, b"k1"), b"data"), first);
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
}
