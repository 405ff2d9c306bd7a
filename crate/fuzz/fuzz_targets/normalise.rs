//! Normalisation of any bytes (lossy UTF-8): no panic, deterministic, idempotent.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    headsup_fuzz::check_normalise(&text);
});
