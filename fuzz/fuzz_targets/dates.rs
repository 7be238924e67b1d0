//! Days, dates and times typed in the account and partner forms, and series of dates.
#![no_main]

#[path = "../../domain/tests/invariants/mod.rs"]
mod invariants;

use chrono::{Duration, NaiveDate, Weekday};
use libfuzzer_sys::{arbitrary, fuzz_target};

#[derive(Debug, arbitrary::Arbitrary)]
struct Input {
    birth: String,
    day: String,
    first: String,
    last: String,
    weekdays: u8,
    times: String,
    today: u16,
}

const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

fuzz_target!(|input: Input| {
    let today = NaiveDate::from_ymd_opt(2000, 1, 1).expect("a date")
        + Duration::days(i64::from(input.today % 36_890));
    invariants::birth_date(&input.birth, today);
    invariants::day(&input.day);
    let weekdays: Vec<Weekday> = WEEKDAYS
        .into_iter()
        .enumerate()
        .filter(|(i, _)| input.weekdays & (1 << i) != 0)
        .map(|(_, day)| day)
        .collect();
    invariants::series(&input.first, &input.last, &weekdays, &input.times);
});
