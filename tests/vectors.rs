//! Runs every vector of `../shared/vectors/webhooks.json` (signed with Python's hmac, an implementation
//! independent of ours) and of `tests/vectors/` (signed by the providers' own libraries where they have
//! one) through the Rust API. The JS side runs the same files through the built package.

mod support;

use serde_json::Value;
use support::{load_vectors, own_vectors, run_vector, shared_vectors};

#[test]
fn every_vector_gives_its_expected_outcome() {
    assert!(shared_vectors().len() >= 58, "expected the whole shared set");
    assert!(!own_vectors().is_empty(), "expected tests/vectors/*.json");
    let vectors = load_vectors();
    let failures: Vec<String> = vectors.iter().filter_map(|v| run_vector(v).err()).collect();
    assert!(failures.is_empty(), "{} of {} vectors failed:\n{}", failures.len(), vectors.len(), failures.join("\n"));
}

#[test]
fn the_vectors_cover_every_provider_and_both_outcomes() {
    let vectors = load_vectors();
    for provider in hookgate::providers::ids() {
        let of = |ok: bool| {
            vectors.iter().filter(|v| v["provider"] == provider && v["expect"]["ok"] == Value::Bool(ok)).count()
        };
        assert!(of(true) > 0 && of(false) > 0, "{provider} lacks accepted or rejected vectors");
    }
}
