//! Fuzz target: see `checks::ddat_import`.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::ddat_import(data));
