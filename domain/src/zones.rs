//! Time zones: a person's birthday and a venue's 20:00 are read on their own clock (an
//! overseas département is not on Paris time), the store keeps UTC. Only on the server
//! (feature `zones`): the zone database would weigh on the browser's bundle.

use crate::geo::time_zone_of_postal_code;
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
pub use chrono_tz::Tz;

/// Where the operator's own dates are read (an account's mails, a partner's statement).
pub const PARIS: Tz = chrono_tz::Europe::Paris;

/// The zone of a postal code (a venue's).
pub fn of_postal_code(postal_code: &str) -> Tz {
    time_zone_of_postal_code(postal_code)
        .parse()
        .unwrap_or(PARIS)
}

/// The zone of a département code (where a young person lives): overseas codes are the
/// first three digits of their postal codes.
pub fn of_departement(code: &str) -> Tz {
    of_postal_code(code)
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

/// The instant a local day begins.
pub fn start_of_day(day: NaiveDate, zone: Tz) -> DateTime<Utc> {
    to_utc(day.and_time(NaiveTime::MIN), zone)
}

/// The local date at an instant.
pub fn local_date(at: DateTime<Utc>, zone: Tz) -> NaiveDate {
    at.with_timezone(&zone).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> DateTime<Utc> {
        text.parse().expect("an RFC 3339 instant")
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid")
    }

    #[test]
    fn a_day_begins_at_local_midnight_in_paris_and_in_cayenne() {
        // Paris is UTC+1 in winter, UTC+2 in summer; Cayenne is UTC-3 all year.
        assert_eq!(
            start_of_day(day(2027, 1, 10), of_departement("75")),
            utc("2027-01-09T23:00:00Z")
        );
        assert_eq!(
            start_of_day(day(2027, 7, 10), of_departement("67")),
            utc("2027-07-09T22:00:00Z")
        );
        assert_eq!(
            start_of_day(day(2027, 1, 10), of_departement("973")),
            utc("2027-01-10T03:00:00Z")
        );
        assert_eq!(
            local_date(utc("2027-01-10T02:59:59Z"), of_departement("973")),
            day(2027, 1, 9)
        );
        assert_eq!(
            local_date(utc("2027-01-09T23:00:00Z"), of_departement("2A")),
            day(2027, 1, 10)
        );
    }

    #[test]
    fn overseas_departements_have_their_own_zone() {
        assert_eq!(of_departement("971"), chrono_tz::America::Guadeloupe);
        assert_eq!(of_departement("974"), chrono_tz::Indian::Reunion);
        assert_eq!(of_departement("976"), chrono_tz::Indian::Mayotte);
        assert_eq!(of_departement("13"), PARIS);
    }
}
