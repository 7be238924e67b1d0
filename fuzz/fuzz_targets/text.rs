//! E-mail addresses, offer titles and new passwords as typed.
#![no_main]

#[path = "../../domain/tests/invariants/mod.rs"]
mod invariants;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    invariants::email(input);
    invariants::title_and_password(input);
});
