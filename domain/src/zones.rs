//! Time zones: a person's birthday and a venue's 20:00 are read on their own clock (an
//! overseas département is not on Paris time), the store keeps UTC. Only on the server
//! (feature `zones`): the zone database would weigh on the browser's bundle.

use crate::geo::{Position, time_zone_at, time_zone_of_postal_code};
use crate::search::{When, days};
use chrono::{DateTime, Days, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
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

/// The zone at a position (a device's, a named place's).
pub fn at(position: Position) -> Tz {
    time_zone_at(position).parse().unwrap_or(PARIS)
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

/// The instants `[start, end)` of the local days `first` to `last`, both included.
pub fn days_between(first: NaiveDate, last: NaiveDate, zone: Tz) -> (DateTime<Utc>, DateTime<Utc>) {
    let after_last = last.checked_add_days(Days::new(1)).unwrap_or(last);
    (start_of_day(first, zone), start_of_day(after_last, zone))
}

/// The instants a search's period covers for someone on `zone`'s clock at `now`: from
/// now (what has begun is gone) to the midnight that ends its last day. "Today" at 20:30
/// in Cayenne ends at Cayenne's midnight, not at Paris's three hours earlier.
pub fn period(when: When, now: DateTime<Utc>, zone: Tz) -> (DateTime<Utc>, DateTime<Utc>) {
    let (first, last) = days(when, local_date(now, zone));
    let (start, end) = days_between(first, last, zone);
    (start.max(now), end)
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
    fn today_at_half_past_eight_in_cayenne_is_still_today_there() {
        // 20:30 on Saturday 5 December in Cayenne is 00:30 on Sunday 6 in Paris.
        let now = utc("2026-12-05T23:30:00Z");
        let cayenne = of_departement("973");
        assert_eq!(
            period(When::Today, now, cayenne),
            (now, utc("2026-12-06T03:00:00Z"))
        );
        assert_eq!(
            period(When::ThisWeekend, now, cayenne),
            (now, utc("2026-12-07T03:00:00Z"))
        );
        // In Paris the same instant is already Sunday: today ends at Sunday's midnight.
        assert_eq!(
            period(When::Today, now, PARIS),
            (now, utc("2026-12-06T23:00:00Z"))
        );
        // A day chosen ahead starts at its own midnight.
        assert_eq!(
            period(When::On(day(2026, 12, 24)), now, cayenne),
            (utc("2026-12-24T03:00:00Z"), utc("2026-12-25T03:00:00Z"))
        );
    }

    #[test]
    fn a_partners_days_are_cut_at_their_venue_midnight() {
        assert_eq!(
            days_between(day(2026, 12, 1), day(2026, 12, 5), of_postal_code("97300")),
            (utc("2026-12-01T03:00:00Z"), utc("2026-12-06T03:00:00Z"))
        );
        assert_eq!(
            days_between(day(2026, 12, 1), day(2026, 12, 1), of_postal_code("97500")),
            (utc("2026-12-01T03:00:00Z"), utc("2026-12-02T03:00:00Z"))
        );
    }

    #[test]
    fn a_position_has_the_zone_of_its_place() {
        let kourou = Position::parse(5.1597, -52.6503).expect("valid");
        assert_eq!(at(kourou), chrono_tz::America::Cayenne);
        let brest = Position::parse(48.3904, -4.4861).expect("valid");
        assert_eq!(at(brest), PARIS);
    }

    #[test]
    fn overseas_departements_have_their_own_zone() {
        assert_eq!(of_departement("971"), chrono_tz::America::Guadeloupe);
        assert_eq!(of_departement("974"), chrono_tz::Indian::Reunion);
        assert_eq!(of_departement("976"), chrono_tz::Indian::Mayotte);
        assert_eq!(of_departement("975"), chrono_tz::America::Miquelon);
        assert_eq!(of_departement("13"), PARIS);
    }
}
