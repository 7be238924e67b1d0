//! SIREN, SIRET and département codes as typed in the partner and account forms.
#![no_main]

#[path = "../../domain/tests/invariants/mod.rs"]
mod invariants;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    invariants::siren(input);
    invariants::siret(input);
    invariants::departement(input);
});
