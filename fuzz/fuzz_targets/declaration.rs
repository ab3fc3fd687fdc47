#![no_main]
// Fuzz target: see hookgate::fuzzing::declaration for what it feeds and which invariants it checks.
libfuzzer_sys::fuzz_target!(|data: &[u8]| hookgate::fuzzing::declaration(data));
