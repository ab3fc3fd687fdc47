#!/usr/bin/env bash
# Runs every fuzz target for the given number of seconds (default 60) with cargo-fuzz (libFuzzer) on the
# stable toolchain, growing fuzz/corpus/<target>/; crashes land in fuzz/artifacts/<target>/ and belong
# in fuzz/regressions/<target>/ once fixed. `cargo test` replays both folders (tests/fuzz_corpus.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
export PATH="$HOME/.cargo/bin:$PATH" RUSTC_BOOTSTRAP=1 # cargo-fuzz needs nightly flags; stable allows them this way
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
for target in $(cargo fuzz list); do
  echo "== $target for ${seconds}s"
  cargo fuzz run "$target" -- -max_total_time="$seconds" -max_len=65536 -timeout=10 2>&1 | grep -E "^(#[0-9]+\s+DONE|Done|INFO: Running|==[0-9]+==|SUMMARY|stat::)" || true
done
