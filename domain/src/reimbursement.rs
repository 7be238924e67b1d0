//! What the pass owes a partner for its used bookings: per venue and calendar year,
//! 100 % of the first 20 000 €, then 95 % up to 40 000 €, 92 % up to 150 000 €, 90 % above.
//! Books are paid 95 % above 20 000 €; digital subscriptions are not reimbursed.

use crate::catalogue::ReimbursementRule;
use crate::money::Cents;

/// The tiers in one sentence, as partners read them.
pub const SUMMARY: &str = "Par lieu et par année civile : 100 % jusqu'à 20 000 €, puis 95 % jusqu'à 40 000 €, 92 % jusqu'à 150 000 €, 90 % au-delà ; livres 95 % au-delà de 20 000 € ; abonnements numériques non remboursés.";

/// A band of yearly revenue and the rate paid within it, in basis points.
struct Tier {
    up_to: Option<Cents>,
    rate_bp: i64,
}

const STANDARD: &[Tier] = &[
    Tier {
        up_to: Some(Cents::euros(20_000)),
        rate_bp: 10_000,
    },
    Tier {
        up_to: Some(Cents::euros(40_000)),
        rate_bp: 9_500,
    },
    Tier {
        up_to: Some(Cents::euros(150_000)),
        rate_bp: 9_200,
    },
    Tier {
        up_to: None,
        rate_bp: 9_000,
    },
];

const BOOK: &[Tier] = &[
    Tier {
        up_to: Some(Cents::euros(20_000)),
        rate_bp: 10_000,
    },
    Tier {
        up_to: None,
        rate_bp: 9_500,
    },
];

/// The amount reimbursed for a booking of `amount`, when the venue has already had
/// `revenue_before` of used bookings this year. Rounded down to the cent per band.
pub fn reimbursed(rule: ReimbursementRule, revenue_before: Cents, amount: Cents) -> Cents {
    let tiers = match rule {
        ReimbursementRule::Standard => STANDARD,
        ReimbursementRule::Book => BOOK,
        ReimbursementRule::NotReimbursed => return Cents::ZERO,
    };
    let (start, end) = (revenue_before.get(), revenue_before.get() + amount.get());
    let mut floor = 0;
    let mut total = 0;
    for tier in tiers {
        let ceiling = tier.up_to.map_or(i64::MAX, Cents::get);
        let overlap = end.min(ceiling) - start.max(floor);
        if overlap > 0 {
            total += overlap * tier.rate_bp / 10_000;
        }
        floor = ceiling;
    }
    Cents(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ReimbursementRule::*;

    #[test]
    fn the_first_20_000_euros_are_paid_in_full() {
        assert_eq!(
            reimbursed(Standard, Cents::ZERO, Cents(1_500)),
            Cents(1_500)
        );
        assert_eq!(
            reimbursed(Standard, Cents::euros(19_990), Cents::euros(10)),
            Cents::euros(10)
        );
    }

    #[test]
    fn a_booking_across_the_20_000_euro_threshold_is_split_between_bands() {
        // 10 € at 100 % and 10 € at 95 %.
        let amount = reimbursed(Standard, Cents::euros(19_990), Cents::euros(20));
        assert_eq!(amount, Cents(1_000 + 950));
    }

    #[test]
    fn each_standard_band_has_its_rate() {
        assert_eq!(
            reimbursed(Standard, Cents::euros(30_000), Cents::euros(100)),
            Cents::euros(95)
        );
        assert_eq!(
            reimbursed(Standard, Cents::euros(100_000), Cents::euros(100)),
            Cents::euros(92)
        );
        assert_eq!(
            reimbursed(Standard, Cents::euros(200_000), Cents::euros(100)),
            Cents::euros(90)
        );
    }

    #[test]
    fn books_are_paid_95_percent_above_20_000_euros_whatever_the_revenue() {
        assert_eq!(
            reimbursed(Book, Cents::euros(200_000), Cents::euros(100)),
            Cents::euros(95)
        );
        assert_eq!(
            reimbursed(Book, Cents::ZERO, Cents::euros(100)),
            Cents::euros(100)
        );
    }

    #[test]
    fn digital_subscriptions_are_not_reimbursed() {
        assert_eq!(
            reimbursed(NotReimbursed, Cents::ZERO, Cents::euros(10)),
            Cents::ZERO
        );
    }
}
