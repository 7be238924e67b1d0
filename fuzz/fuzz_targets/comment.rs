//! A comment and its rating as typed, and the comment as shown with its links.
#![no_main]

#[path = "../../domain/tests/invariants/mod.rs"]
mod invariants;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, &str)| {
    let (rating, text) = input;
    invariants::comment(text);
    invariants::shown_comment(text);
    invariants::rating(rating);
});
