//! Time zones: people read and type times in their venue's zone (by its postal code,
//! `domain::geo`), the store keeps UTC; `domain::zones` turns one into the other.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use chrono_tz::Tz;
pub use domain::zones::{PARIS, to_utc};

/// The zone of a venue, by its postal code.
pub fn zone(postal_code: &str) -> Tz {
    domain::zones::of_postal_code(postal_code)
}

pub fn to_local(at: DateTime<Utc>, zone: Tz) -> NaiveDateTime {
    at.with_timezone(&zone).naive_local()
}

/// Today in Paris, the day the search's and the dashboard's periods start from.
pub fn paris_today(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&PARIS).date_naive()
}

/// Midnight of a day in Paris, where a period of days starts or ends.
pub fn paris_midnight(day: NaiveDate) -> DateTime<Utc> {
    to_utc(day.and_time(NaiveTime::MIN), PARIS)
}

/// The value of an `<input type="datetime-local">`.
pub fn input_value(at: DateTime<Utc>, zone: Tz) -> String {
    to_local(at, zone).format("%Y-%m-%dT%H:%M").to_string()
}

/// An instant in UTC, for tests of times.
#[cfg(test)]
pub fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    use chrono::TimeZone;
    Utc.with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .expect("a time")
}
