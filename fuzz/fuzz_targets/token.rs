//! Booking tokens as typed by a cashier or read by a camera, and generated ones.
#![no_main]

#[path = "../../domain/tests/invariants/mod.rs"]
mod invariants;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, u64)| {
    let (text, seed) = input;
    invariants::token(text);
    invariants::generated_token(seed);
});
