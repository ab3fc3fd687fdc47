//! Runs every vector of `../shared/vectors/webhooks.json` (signed with Python's hmac, an implementation
//! independent of ours) through the Rust API. The JS side runs the same file through the built package.

mod support;

use serde_json::Value;
use support::{load_vectors, run_vector};

#[test]
fn every_shared_vector_gives_its_expected_outcome() {
    let vectors = load_vectors();
    assert!(vectors.len() >= 58, "expected the whole shared set, found {}", vectors.len());
    let failures: Vec<String> = vectors.iter().filter_map(|v| run_vector(v).err()).collect();
    assert!(failures.is_empty(), "{} of {} vectors failed:\n{}", failures.len(), vectors.len(), failures.join("\n"));
}

#[test]
fn the_shared_set_covers_every_provider_and_both_outcomes() {
    let vectors = load_vectors();
    for provider in hookgate::PROVIDERS {
        let of = |ok: bool| vectors.iter().filter(|v| v["provider"] == provider.id && v["expect"]["ok"] == Value::Bool(ok)).count();
        assert!(of(true) > 0 && of(false) > 0, "{} lacks accepted or rejected vectors", provider.id);
    }
}
