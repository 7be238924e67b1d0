//! The payments on the server: the domain's rules (IBAN, tiers, which bookings a run
//! pays), the store's transactions, and the access checks: administrators of the pass
//! for runs and decisions, a structure's members for its page, its administrators for
//! its bank details.

pub mod bank;
pub mod file;
pub mod history;
pub mod runs;

use crate::lang::Locale;
use domain::pro::bank::Iban;

/// A run's last day as stored (`AAAA-MM-JJ`), in words.
fn last_day(locale: Locale, stored: &str) -> String {
    chrono::NaiveDate::parse_from_str(stored, "%Y-%m-%d").map_or_else(
        |_| stored.to_owned(),
        |day| crate::ssr::present::calendar_date(locale, day),
    )
}

/// An IBAN as stored, in groups of four (or as it is, if it no longer reads).
fn grouped(iban: &str) -> String {
    Iban::parse(iban).map_or_else(|_| iban.to_owned(), |iban| iban.grouped())
}

/// An IBAN as stored, masked but for its country and last four characters.
fn masked(iban: &str) -> String {
    Iban::parse(iban).map_or_else(|_| "IBAN illisible".to_owned(), |iban| iban.masked())
}
