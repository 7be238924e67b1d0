//! Reimbursement runs: the pass pays its partners by bank transfer, a run at a time. A
//! run takes every booking used up to its last day that no payment holds yet, for the
//! structures whose bank details the team validated, and reimburses each at the rate its
//! place in its venue's year gives it ([`crate::reimbursement`]). The run is a draft
//! until an administrator says the transfers were made: then its bookings are
//! "reimbursed", and none can be paid again.

use crate::money::Cents;
use crate::pro::statement::{StatementLine, UsedBooking, statement};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Where a run stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RunStatus {
    /// Computed, its payment file ready; its bookings are held by it.
    Draft,
    /// The transfers were made: its bookings are reimbursed.
    Paid,
    /// Given up before paying: its bookings went back to the next run.
    Abandoned,
}

impl RunStatus {
    pub const ALL: [RunStatus; 3] = [RunStatus::Draft, RunStatus::Paid, RunStatus::Abandoned];

    pub fn to_stored(self) -> &'static str {
        match self {
            RunStatus::Draft => "draft",
            RunStatus::Paid => "paid",
            RunStatus::Abandoned => "abandoned",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RunStatus::Draft => "À payer",
            RunStatus::Paid => "Payé",
            RunStatus::Abandoned => "Abandonné",
        }
    }
}

impl TryFrom<String> for RunStatus {
    type Error = crate::pro::status::UnknownStatus;

    fn try_from(code: String) -> Result<Self, Self::Error> {
        crate::pro::status::read(&Self::ALL, Self::to_stored, code)
    }
}

/// Why a run cannot be prepared, paid or given up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum RunRefusal {
    #[error("Un virement est déjà en préparation : paie-le ou abandonne-le d'abord")]
    AlreadyPreparing,
    #[error("Aucune réservation validée n'attend de remboursement jusqu'à cette date")]
    NothingToPay,
    #[error("Ce virement n'est plus à payer")]
    NotDraft,
    #[error(
        "Des réservations de ce virement ont changé depuis son calcul : abandonne-le et prépare-le à nouveau"
    )]
    Changed,
}

/// Why the last day a run covers is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum LastDayRefusal {
    /// Empty, or not a day.
    #[error("Choisis le dernier jour que le virement couvre")]
    NotADay,
    /// After today.
    #[error("Un virement ne couvre que des jours passés ou aujourd'hui")]
    Future,
}

/// The last day a run covers, typed as `AAAA-MM-JJ` (a date field): today at the latest.
pub fn parse_last_day(text: &str, today: NaiveDate) -> Result<NaiveDate, LastDayRefusal> {
    let day =
        NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| LastDayRefusal::NotADay)?;
    if day > today {
        return Err(LastDayRefusal::Future);
    }
    Ok(day)
}

/// A structure's lines in a run: its bookings used before `until` that no payment holds
/// (`outstanding`), from `used`, every used booking of its venues since 1 January of the
/// oldest outstanding one's year, sorted by `used_at` (the bookings before count for the
/// tiers). A booking whose rule reimburses nothing (a digital subscription, a free
/// offer) has its line at 0 €: the run settles it, or it would wait for every run.
pub fn payment_lines(
    used: &[UsedBooking],
    outstanding: impl Fn(i64) -> bool,
    until: DateTime<Utc>,
) -> Vec<StatementLine> {
    statement(used, DateTime::<Utc>::MIN_UTC, until)
        .into_iter()
        .filter(|line| outstanding(line.booking_id))
        .collect()
}

/// The reference a transfer carries, that the partner finds on their bank statement.
pub fn reference(run_id: i64, structure_id: i64) -> String {
    format!("PASS-CULTURE-{run_id}-{structure_id}")
}

/// An amount as banks read it in a payment file: euros with a point, no symbol.
pub fn file_amount(amount: Cents) -> String {
    format!("{}.{:02}", amount.get() / 100, amount.get() % 100)
}

/// The payment file's separator, as the bank's import reads it (its columns: reference,
/// structure, SIREN, holder, IBAN, BIC, amount; one transfer a row).
pub const FILE_DELIMITER: u8 = b';';

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::ReimbursementRule::{self, *};
    use chrono::TimeZone;

    fn day(d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, d, 12, 0, 0)
            .single()
            .expect("date")
    }

    fn used(id: i64, d: u32, euros: i64, rule: ReimbursementRule) -> UsedBooking {
        UsedBooking {
            booking_id: id,
            venue_id: 1,
            used_at: day(d),
            year: 2026,
            amount: Cents::euros(euros),
            rule,
        }
    }

    #[test]
    fn a_run_pays_what_no_payment_holds_at_the_rate_of_its_place_in_the_year() {
        let used = [
            // Paid by an earlier run: it counts for the tier, it is not paid again.
            used(1, 1, 20_000, Standard),
            used(2, 2, 100, Standard),
            used(3, 3, 50, NotReimbursed),
            used(4, 20, 100, Standard),
        ];
        let lines = payment_lines(&used, |id| id != 1, day(10));
        assert_eq!(
            lines
                .iter()
                .map(|l| (l.booking_id, l.reimbursed))
                .collect::<Vec<_>>(),
            vec![(2, Cents::euros(95)), (3, Cents::ZERO)],
            "the second 100 € of the year above 20 000 € is paid 95 %; the subscription is settled at 0 €; the booking after the last day waits"
        );
    }

    #[test]
    fn the_last_day_is_today_at_the_latest() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 10).expect("date");
        assert_eq!(parse_last_day("2026-03-10", today), Ok(today));
        assert_eq!(
            parse_last_day("2026-03-11", today),
            Err(LastDayRefusal::Future)
        );
        assert_eq!(
            parse_last_day("10/03/2026", today),
            Err(LastDayRefusal::NotADay)
        );
    }

    #[test]
    fn statuses_are_stored_and_read_back() {
        for status in RunStatus::ALL {
            assert_eq!(
                RunStatus::try_from(status.to_stored().to_owned()),
                Ok(status)
            );
        }
        assert_eq!(reference(4, 17), "PASS-CULTURE-4-17");
        assert_eq!(file_amount(Cents(123_405)), "1234.05");
    }
}
