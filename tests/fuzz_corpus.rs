//! Replays the committed seeds (`fuzz/seeds/<target>/`), every input that ever broke a target
//! (`fuzz/regressions/<target>/`) and, where `scripts/fuzz.sh` has run on this machine, the grown corpus
//! (`fuzz/corpus/<target>/`, not committed) through the same entry points the fuzz targets call, so
//! plain `cargo test` on stable guards what the fuzzers found.

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut count = 0;
    for folder in ["seeds", "regressions", "corpus"] {
        let Ok(entries) = std::fs::read_dir(root.join(folder).join(target)) else { continue };
        for entry in entries {
            let path = entry.expect("readable corpus entry").path();
            run(&std::fs::read(&path).expect("readable corpus file"));
            count += 1;
        }
    }
    count
}

#[test]
fn reready_header_corpus_replays() {
    assert!(replay("reready_header", hookgate::fuzzing::reready_header) > 0);
}

#[test]
fn standard_webhooks_headers_corpus_replays() {
    assert!(replay("standard_webhooks_headers", hookgate::fuzzing::standard_webhooks_headers) > 0);
}

#[test]
fn verify_any_provider_corpus_replays() {
    assert!(replay("verify_any_provider", hookgate::fuzzing::verify_any_provider) > 0);
}

#[test]
fn payload_mapping_corpus_replays() {
    assert!(replay("payload_mapping", hookgate::fuzzing::payload_mapping) > 0);
}

#[test]
fn declaration_corpus_replays() {
    assert!(replay("declaration", hookgate::fuzzing::declaration) > 0);
}
