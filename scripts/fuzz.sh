#!/usr/bin/env bash
# Runs every fuzz target for the given number of seconds (default 60) with cargo-fuzz (libFuzzer), from
# the committed seeds (fuzz/seeds/<target>/) into a working corpus that is not committed
# (fuzz/corpus/<target>/). A crash lands in fuzz/artifacts/<target>/; once fixed, it belongs in
# fuzz/regressions/<target>/ (with a line in its README). `cargo test` replays seeds, regressions and,
# where present, the working corpus (tests/fuzz_corpus.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
# cargo-fuzz needs nightly flags; stable allows them this way, for fuzzing only (never for a shipped build).
export PATH="$HOME/.cargo/bin:$PATH" RUSTC_BOOTSTRAP=1
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
for target in $(cargo fuzz list); do
  mkdir -p "fuzz/corpus/$target"
  echo "== $target for ${seconds}s"
  cargo fuzz run "$target" "fuzz/corpus/$target" "fuzz/seeds/$target" -- -max_total_time="$seconds" -max_len=65536 -timeout=10 2>&1 \
    | grep -E "^(#[0-9]+\s+DONE|Done|INFO: Running|==[0-9]+==|SUMMARY|stat::)" || true
done
