//! The partner dashboard's rules: what a venue, an offer, a price category and a stock
//! must be, the states an offer goes through, the bookings export and the reimbursement
//! statement. Forms arrive as the strings people typed; each `parse` returns the checked
//! draft or the first field to fix, with why ([`FieldRefusal`], which the app words in
//! the partner's language).

pub mod bank;
pub mod codes;
pub mod export;
pub mod image;
pub mod offer;
pub mod refusal;
pub mod review;
pub mod state;
pub mod statement;
pub mod status;
pub mod stock;
pub mod team;
pub mod venue;

pub use refusal::FieldRefusal;
use serde::{Deserialize, Serialize};

/// A form field to fix and why. Its `Display` is the reason's French, for the logs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{reason}")]
pub struct FieldError {
    pub field: String,
    pub reason: FieldRefusal,
}

/// `reason` as the refusal of form field `field`.
pub fn refuse(field: &str, reason: FieldRefusal) -> FieldError {
    FieldError {
        field: field.to_owned(),
        reason,
    }
}

/// Structures one partner may have waiting for review at once: registering a SIREN
/// takes it from everyone else until an administrator decides, so nobody may hold many.
pub const MAX_PENDING_STRUCTURES: usize = 3;

/// Whether a partner with `pending` structures waiting for review may register another.
pub fn may_register_structure(pending: usize) -> Result<(), FieldError> {
    if pending < MAX_PENDING_STRUCTURES {
        Ok(())
    } else {
        Err(refuse("siren", FieldRefusal::TooManyPendingStructures))
    }
}

/// Whether a structure may invite colleagues by mail: only once it is validated (a
/// pending structure's name is anyone's text, and the mail goes out under our name).
pub fn may_invite(structure_status: status::StructureStatus) -> Result<(), FieldError> {
    if structure_status == status::StructureStatus::Validated {
        Ok(())
    } else {
        Err(refuse("email", FieldRefusal::InviteOnceValidated))
    }
}

/// Dates people type are between these years: anything else is a typo (and far dates
/// would overflow date arithmetic).
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// Reads a day typed as `AAAA-MM-JJ` (a date input's value).
pub fn parse_day(field: &str, text: &str) -> Result<chrono::NaiveDate, FieldError> {
    use chrono::Datelike;
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .ok()
        .filter(|day| YEARS.contains(&day.year()))
        .ok_or_else(|| refuse(field, FieldRefusal::InvalidDay))
}

/// Reads an optional day: empty means none.
pub fn parse_optional_day(
    field: &str,
    text: &str,
) -> Result<Option<chrono::NaiveDate>, FieldError> {
    match text.trim() {
        "" => Ok(None),
        text => parse_day(field, text).map(Some),
    }
}

/// Trims an optional text: empty means absent. Refuses more than `max` characters.
pub(crate) fn optional_text(
    field: &str,
    text: &str,
    max: usize,
) -> Result<Option<String>, FieldError> {
    let text = crate::text::plain(text)
        .map_err(|e| refuse(field, FieldRefusal::Text(e)))?
        .trim();
    if text.chars().count() > max {
        return Err(refuse(field, FieldRefusal::TooLong { max }));
    }
    Ok((!text.is_empty()).then(|| text.to_owned()))
}

/// [`optional_text`] on one line: no line breaks, nothing that disguises it.
pub(crate) fn optional_line(
    field: &str,
    text: &str,
    max: usize,
) -> Result<Option<String>, FieldError> {
    crate::text::plain_line(text).map_err(|e| refuse(field, FieldRefusal::Text(e)))?;
    optional_text(field, text, max)
}

/// A required text of 1 to `max` characters, on one line (names, addresses, labels).
pub(crate) fn required_text(field: &str, text: &str, max: usize) -> Result<String, FieldError> {
    optional_line(field, text, max)?.ok_or_else(|| refuse(field, FieldRefusal::Required))
}
