//! The reimbursement statement: for each used booking of a period, what the pass pays
//! the venue, with the yearly tiers of [`crate::reimbursement`] (the venue's revenue is
//! counted from 1 January of the booking's year, so the caller passes the used bookings
//! from the start of that year).

use crate::catalogue::ReimbursementRule;
use crate::money::Cents;
use crate::reimbursement::reimbursed;
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// A used booking, in the order it was used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsedBooking {
    pub booking_id: i64,
    pub venue_id: i64,
    pub used_at: DateTime<Utc>,
    /// The calendar year it was used in, where the venue is (its tiers start again on
    /// 1 January there, not in UTC).
    pub year: i32,
    pub amount: Cents,
    pub rule: ReimbursementRule,
}

/// A line of the statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementLine {
    pub booking_id: i64,
    pub venue_id: i64,
    pub amount: Cents,
    pub reimbursed: Cents,
}

/// The lines of the bookings used in `[from, until)`, from every used booking of the
/// venues since 1 January of `from`'s year (sorted by `used_at`).
pub fn statement(
    used: &[UsedBooking],
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Vec<StatementLine> {
    let mut revenue: HashMap<(i64, i32), Cents> = HashMap::new();
    let mut lines = Vec::new();
    for booking in used {
        let before = revenue.entry((booking.venue_id, booking.year)).or_default();
        let paid = reimbursed(booking.rule, *before, booking.amount);
        if booking.rule != ReimbursementRule::NotReimbursed {
            *before += booking.amount;
        }
        if booking.used_at >= from && booking.used_at < until {
            lines.push(StatementLine {
                booking_id: booking.booking_id,
                venue_id: booking.venue_id,
                amount: booking.amount,
                reimbursed: paid,
            });
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, TimeZone};

    fn day(m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, m, d, 12, 0, 0)
            .single()
            .expect("date")
    }

    fn used(id: i64, when: DateTime<Utc>, euros: i64, rule: ReimbursementRule) -> UsedBooking {
        UsedBooking {
            booking_id: id,
            venue_id: 1,
            used_at: when,
            year: when.year(),
            amount: Cents::euros(euros),
            rule,
        }
    }

    #[test]
    fn earlier_bookings_of_the_year_move_the_venue_into_the_next_tier() {
        let mut bookings: Vec<_> = (0..100)
            .map(|i| used(i, day(1, 10), 200, ReimbursementRule::Standard))
            .collect();
        bookings.push(used(100, day(3, 1), 100, ReimbursementRule::Standard));
        let lines = statement(&bookings, day(2, 1), day(4, 1));
        assert_eq!(lines.len(), 1, "only the period's booking is listed");
        assert_eq!(
            lines[0].reimbursed,
            Cents::euros(95),
            "20 000 € reached: 95 %"
        );
    }

    #[test]
    fn digital_subscriptions_are_not_reimbursed_and_do_not_count() {
        let bookings = vec![
            used(1, day(1, 2), 100, ReimbursementRule::NotReimbursed),
            used(2, day(1, 3), 100, ReimbursementRule::Book),
        ];
        let lines = statement(&bookings, day(1, 1), day(2, 1));
        assert_eq!(lines[0].reimbursed, Cents::ZERO);
        assert_eq!(lines[1].reimbursed, Cents::euros(100));
    }

    #[test]
    fn the_revenue_starts_again_each_year() {
        let last_year = Utc
            .with_ymd_and_hms(2025, 12, 1, 0, 0, 0)
            .single()
            .expect("date");
        let mut bookings: Vec<_> = (0..100)
            .map(|i| used(i, last_year, 300, ReimbursementRule::Standard))
            .collect();
        bookings.push(used(100, day(1, 5), 100, ReimbursementRule::Standard));
        let lines = statement(&bookings, day(1, 1), day(2, 1));
        assert_eq!(lines[0].reimbursed, Cents::euros(100));
    }
}
