//! Prices in euros, price categories, quantities and a thing's stock as typed by partners.
#![no_main]

#[path = "../../domain/tests/invariants/mod.rs"]
mod invariants;

use chrono::{Duration, NaiveDate};
use domain::Cents;
use libfuzzer_sys::{arbitrary, fuzz_target};

#[derive(Debug, arbitrary::Arbitrary)]
struct Input {
    euros: String,
    cents: i64,
    label: String,
    quantity: String,
    limit: String,
    now: u32,
}

fuzz_target!(|input: Input| {
    invariants::euros(&input.euros);
    invariants::stock_price(input.cents);
    if (0..=100_000_099).contains(&input.cents) {
        invariants::printed_amount(Cents(input.cents));
    }
    invariants::price_category(&input.label, &input.euros, &input.quantity);
    let now = NaiveDate::from_ymd_opt(2000, 1, 1)
        .expect("a date")
        .and_hms_opt(0, 0, 0)
        .expect("a time")
        + Duration::minutes(i64::from(input.now % 53_121_600));
    invariants::thing_stock(&input.euros, &input.quantity, &input.limit, now);
});
