//! What can go wrong with a ticket after it is booked: at the counter (validation) and
//! when the young person cancels. Each refusal tells the person what to do or when.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Where a booking stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BookingStatus {
    Confirmed,
    Used,
    Cancelled,
    Reimbursed,
}

impl TryFrom<String> for BookingStatus {
    type Error = crate::pro::status::UnknownStatus;

    fn try_from(code: String) -> Result<Self, Self::Error> {
        Self::parse(&code).ok_or(crate::pro::status::UnknownStatus(code))
    }
}

impl BookingStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            BookingStatus::Confirmed => "confirmed",
            BookingStatus::Used => "used",
            BookingStatus::Cancelled => "cancelled",
            BookingStatus::Reimbursed => "reimbursed",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "confirmed" => Some(BookingStatus::Confirmed),
            "used" => Some(BookingStatus::Used),
            "cancelled" => Some(BookingStatus::Cancelled),
            "reimbursed" => Some(BookingStatus::Reimbursed),
            _ => None,
        }
    }

    /// How the status reads in the app.
    pub fn label(self) -> &'static str {
        match self {
            BookingStatus::Confirmed => "Confirmée",
            BookingStatus::Used => "Validée",
            BookingStatus::Cancelled => "Annulée",
            BookingStatus::Reimbursed => "Remboursée",
        }
    }
}

/// Why a ticket cannot be validated or cancelled.
///
/// Its times travel as seconds since the epoch (it reaches the browser inside the app's
/// errors): reading them back needs no date parser, and saying them no `strftime`, so
/// that the browser's code carries neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum TicketRefusal {
    Unknown,
    AlreadyUsed,
    Cancelled,
    NotYetValidatable {
        #[serde(with = "chrono::serde::ts_seconds")]
        opens_at: DateTime<Utc>,
    },
    CancellationClosed {
        #[serde(with = "chrono::serde::ts_seconds")]
        closed_at: DateTime<Utc>,
    },
    NotCancellable,
    /// Undoing a validation of a ticket that was not validated.
    NotValidated,
    /// Undoing the validation of a digital booking: its link or code was delivered.
    DeliveredOnline,
    /// Too long after the validation: the booking is in a reimbursement statement.
    UndoClosed {
        #[serde(with = "chrono::serde::ts_seconds")]
        closed_at: DateTime<Utc>,
    },
}

/// `06/12/2026 à 14:05 UTC`.
struct UtcMinute(DateTime<Utc>);

impl fmt::Display for UtcMinute {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (date, time) = utc_minute(self.0);
        write!(f, "{date} à {time} UTC")
    }
}

/// A refusal's instant as numbers, in UTC (`("06/12/2026", "14:05")`): the same in
/// every language the app speaks, which words the sentence around them.
pub fn utc_minute(at: DateTime<Utc>) -> (String, String) {
    use chrono::{Datelike, Timelike};
    (
        format!("{:02}/{:02}/{}", at.day(), at.month(), at.year()),
        format!("{:02}:{:02}", at.hour(), at.minute()),
    )
}

/// How long a partner may undo a validation made by mistake: after that, the booking
/// belongs to the statements already drawn up.
pub const UNDO_WINDOW: chrono::Duration = chrono::Duration::days(30);

/// Whether a validation made at `used_at` may still be undone at `now`.
pub fn undo_closes_at(used_at: DateTime<Utc>) -> DateTime<Utc> {
    used_at + UNDO_WINDOW
}

/// Why a booking was cancelled, as stored in `cancellation_reason`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CancellationCause {
    /// The young person cancelled it.
    Beneficiary,
    /// Not collected in time (things), by the scheduler.
    Expired,
    /// The partner cancelled it, with the reason they gave.
    Partner(String),
    /// An administrator withdrew the offer, with the reason they gave.
    Moderation(String),
}

/// How a withdrawal by the administrators is told, to the young and to the partner.
pub fn withdrawn_by_the_team(reason: &str) -> String {
    format!("offre retirée par l'équipe du Culture Pass ({reason})")
}

const PARTNER_PREFIX: &str = "offerer: ";
const MODERATION_PREFIX: &str = "moderation: ";

impl CancellationCause {
    /// The stored spelling.
    pub fn to_stored(&self) -> String {
        match self {
            CancellationCause::Beneficiary => "beneficiary".to_owned(),
            CancellationCause::Expired => "expired".to_owned(),
            CancellationCause::Partner(reason) => format!("{PARTNER_PREFIX}{reason}"),
            CancellationCause::Moderation(reason) => format!("{MODERATION_PREFIX}{reason}"),
        }
    }

    pub fn from_stored(stored: &str) -> Option<Self> {
        match stored {
            "beneficiary" => Some(CancellationCause::Beneficiary),
            "expired" => Some(CancellationCause::Expired),
            other => other
                .strip_prefix(PARTNER_PREFIX)
                .map(|reason| CancellationCause::Partner(reason.to_owned()))
                .or_else(|| {
                    other
                        .strip_prefix(MODERATION_PREFIX)
                        .map(|reason| CancellationCause::Moderation(reason.to_owned()))
                }),
        }
    }
}

impl fmt::Display for TicketRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TicketRefusal::Unknown => f.write_str("Contremarque inconnue"),
            TicketRefusal::AlreadyUsed => f.write_str("Cette contremarque a déjà été validée"),
            TicketRefusal::Cancelled => f.write_str("Cette réservation a été annulée"),
            TicketRefusal::NotYetValidatable { opens_at } => write!(
                f,
                "Cette réservation pourra être validée à partir du {}",
                UtcMinute(*opens_at)
            ),
            TicketRefusal::CancellationClosed { closed_at } => write!(
                f,
                "L'annulation n'est plus possible depuis le {}",
                UtcMinute(*closed_at)
            ),
            TicketRefusal::NotValidated => f.write_str("Cette contremarque n'a pas été validée"),
            TicketRefusal::DeliveredOnline => f.write_str(
                "Une réservation numérique est validée dès qu'elle est faite : son lien ou son code a été donné",
            ),
            TicketRefusal::UndoClosed { closed_at } => write!(
                f,
                "Cette validation ne peut plus être annulée depuis le {}",
                UtcMinute(*closed_at)
            ),
            TicketRefusal::NotCancellable => {
                f.write_str("Cette réservation ne peut plus être annulée")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_reimbursed_booking_reads_reimbursed_to_the_partner() {
        assert_eq!(BookingStatus::Reimbursed.label(), "Remboursée");
    }

    #[test]
    fn statuses_round_trip_through_their_stored_spelling() {
        for s in [
            BookingStatus::Confirmed,
            BookingStatus::Used,
            BookingStatus::Cancelled,
            BookingStatus::Reimbursed,
        ] {
            assert_eq!(BookingStatus::parse(s.as_str()), Some(s));
        }
    }

    #[test]
    fn a_refusal_says_its_time_to_the_minute_in_utc() {
        let at = Utc
            .with_ymd_and_hms(2026, 3, 7, 9, 5, 41)
            .single()
            .expect("valid");
        assert_eq!(
            TicketRefusal::NotYetValidatable { opens_at: at }.to_string(),
            "Cette réservation pourra être validée à partir du 07/03/2026 à 09:05 UTC"
        );
        assert_eq!(
            TicketRefusal::UndoClosed { closed_at: at }.to_string(),
            "Cette validation ne peut plus être annulée depuis le 07/03/2026 à 09:05 UTC"
        );
    }

    #[test]
    fn a_refusal_crosses_the_wire_with_its_time_in_whole_seconds() {
        let at = Utc
            .with_ymd_and_hms(2026, 3, 7, 9, 5, 41)
            .single()
            .expect("valid");
        let refusal = TicketRefusal::CancellationClosed { closed_at: at };
        let json = serde_json::to_string(&refusal).expect("serialised");
        assert_eq!(json, r#"{"CancellationClosed":{"closed_at":1772874341}}"#);
        assert_eq!(
            serde_json::from_str::<TicketRefusal>(&json).expect("read back"),
            refusal
        );
    }

    #[test]
    fn a_validation_can_be_undone_for_30_days() {
        let used = Utc
            .with_ymd_and_hms(2026, 12, 3, 10, 0, 0)
            .single()
            .expect("valid");
        assert_eq!(undo_closes_at(used), used + chrono::Duration::days(30));
    }

    #[test]
    fn cancellation_causes_round_trip_through_their_stored_spelling() {
        for cause in [
            CancellationCause::Beneficiary,
            CancellationCause::Expired,
            CancellationCause::Partner("Séance annulée".into()),
            CancellationCause::Moderation("Offre trompeuse".into()),
        ] {
            assert_eq!(
                CancellationCause::from_stored(&cause.to_stored()),
                Some(cause)
            );
        }
        assert_eq!(CancellationCause::from_stored("nonsense"), None);
    }

    #[test]
    fn a_refusal_with_a_date_tells_the_date() {
        let opens_at = Utc
            .with_ymd_and_hms(2026, 12, 3, 10, 0, 0)
            .single()
            .expect("valid");
        let message = TicketRefusal::NotYetValidatable { opens_at }.to_string();
        assert!(message.contains("03/12/2026 à 10:00"), "{message}");
    }
}
