//! Partners type and read times in their venue's time zone; the database keeps UTC.

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use domain::geo::time_zone_of_postal_code;

pub fn zone(postal_code: &str) -> Tz {
    time_zone_of_postal_code(postal_code)
        .parse()
        .unwrap_or(chrono_tz::Europe::Paris)
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
