//! Time zones: people read and type times in their venue's zone (by its postal code,
//! `domain::geo`), the store keeps UTC. The one place that turns one into the other.

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use domain::geo::time_zone_of_postal_code;

/// Where the operator's own dates are read (an account's mails, a partner's statement).
pub const PARIS: Tz = chrono_tz::Europe::Paris;

/// The zone of a venue, by its postal code.
pub fn zone(postal_code: &str) -> Tz {
    time_zone_of_postal_code(postal_code)
        .parse()
        .unwrap_or(PARIS)
}

/// A local time as UTC (the earlier instant when the clock goes back, the moment after
/// the gap when it jumps forward).
pub fn to_utc(local: NaiveDateTime, zone: Tz) -> DateTime<Utc> {
    match zone.from_local_datetime(&local) {
        chrono::LocalResult::Single(at) | chrono::LocalResult::Ambiguous(at, _) => {
            at.with_timezone(&Utc)
        }
        chrono::LocalResult::None => zone
            .from_local_datetime(&(local + chrono::Duration::hours(1)))
            .earliest()
            .map_or_else(
                || Utc.from_utc_datetime(&local),
                |at| at.with_timezone(&Utc),
            ),
    }
}

pub fn to_local(at: DateTime<Utc>, zone: Tz) -> NaiveDateTime {
    at.with_timezone(&zone).naive_local()
}

/// The value of an `<input type="datetime-local">`.
pub fn input_value(at: DateTime<Utc>, zone: Tz) -> String {
    to_local(at, zone).format("%Y-%m-%dT%H:%M").to_string()
}

/// An instant in UTC, for tests of times.
#[cfg(test)]
pub fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .expect("a time")
}
