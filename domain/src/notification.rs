//! Notifications leave through an outbox: each is written in the same transaction as the
//! event that causes it, and a sender delivers it afterwards, so a mail relay that is down
//! never fails (nor slows) the request, and no event is left without its message. These
//! are the rules of that delivery: the states of a message, and when a failed one is tried
//! again.

use chrono::Duration;

/// Where a message of the outbox stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Delivery {
    /// Waiting for its (next) attempt.
    Pending,
    /// Claimed by a sender, until the claim's lease ends (a sender that died leaves it to
    /// another once the lease has passed).
    Sending,
    /// Accepted by the relay.
    Sent,
    /// Given up: refused for good, or too many attempts.
    Failed,
}

impl Delivery {
    /// The word stored in the database.
    pub fn to_stored(self) -> &'static str {
        match self {
            Delivery::Pending => "pending",
            Delivery::Sending => "sending",
            Delivery::Sent => "sent",
            Delivery::Failed => "failed",
        }
    }

    /// The state stored as `word`, if it is one.
    pub fn from_stored(word: &str) -> Option<Delivery> {
        [
            Delivery::Pending,
            Delivery::Sending,
            Delivery::Sent,
            Delivery::Failed,
        ]
        .into_iter()
        .find(|state| state.to_stored() == word)
    }
}

impl TryFrom<String> for Delivery {
    type Error = crate::pro::status::UnknownStatus;

    fn try_from(word: String) -> Result<Self, Self::Error> {
        Self::from_stored(&word).ok_or(crate::pro::status::UnknownStatus(word))
    }
}

/// What a message is about. Most are written by the request that causes them; the
/// sender writes the others itself from their cause (a booking confirmation, from the
/// booking), so that the transaction of the cause only adds a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum MailKind {
    /// Written before messages had kinds.
    Other,
    PasswordReset,
    Invitation,
    OfferWithdrawn,
    BookingConfirmed,
}

impl MailKind {
    pub const ALL: [MailKind; 5] = [
        MailKind::Other,
        MailKind::PasswordReset,
        MailKind::Invitation,
        MailKind::OfferWithdrawn,
        MailKind::BookingConfirmed,
    ];

    /// The word stored in the database.
    pub fn to_stored(self) -> &'static str {
        match self {
            MailKind::Other => "other",
            MailKind::PasswordReset => "password_reset",
            MailKind::Invitation => "invitation",
            MailKind::OfferWithdrawn => "offer_withdrawn",
            MailKind::BookingConfirmed => "booking_confirmed",
        }
    }

    /// Whether the sender writes the message from its cause, rather than the request.
    pub fn written_by_sender(self) -> bool {
        matches!(self, MailKind::BookingConfirmed)
    }
}

impl TryFrom<String> for MailKind {
    type Error = crate::pro::status::UnknownStatus;

    fn try_from(word: String) -> Result<Self, Self::Error> {
        MailKind::ALL
            .into_iter()
            .find(|kind| kind.to_stored() == word)
            .ok_or(crate::pro::status::UnknownStatus(word))
    }
}

/// How many attempts a message gets before it is given up.
pub const MAX_ATTEMPTS: i64 = 10;

/// The longest wait between two attempts.
pub fn longest_wait() -> Duration {
    Duration::hours(6)
}

/// How long a sender holds the messages it claimed: far longer than an attempt may take
/// (the relay's time-out), so that no message is sent twice by two senders.
pub fn claim_lease() -> Duration {
    Duration::minutes(5)
}

/// What follows a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterFailure {
    /// Try again after this wait.
    RetryIn(Duration),
    /// Stop: the relay refused the message for good, or it had its attempts.
    GiveUp,
}

/// What follows the failure of attempt number `attempts` (1 for the first). A refusal the
/// relay says is permanent (a 5xx: no such mailbox, message rejected) is not retried;
/// otherwise the waits double from `first_wait`, up to [`longest_wait`], for
/// [`MAX_ATTEMPTS`] attempts in all.
pub fn after_failure(attempts: i64, permanent: bool, first_wait: Duration) -> AfterFailure {
    if permanent || attempts >= MAX_ATTEMPTS {
        return AfterFailure::GiveUp;
    }
    let doublings = u32::try_from(attempts.saturating_sub(1))
        .unwrap_or(0)
        .min(20);
    let wait = first_wait
        .checked_mul(1 << doublings)
        .unwrap_or_else(longest_wait);
    AfterFailure::RetryIn(wait.min(longest_wait()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_up_to_six_hours_then_the_message_is_given_up() {
        let minute = Duration::minutes(1);
        let waits: Vec<_> = (1..MAX_ATTEMPTS)
            .map(|attempt| match after_failure(attempt, false, minute) {
                AfterFailure::RetryIn(wait) => wait.num_minutes(),
                AfterFailure::GiveUp => panic!("attempt {attempt} should be retried"),
            })
            .collect();
        assert_eq!(waits, [1, 2, 4, 8, 16, 32, 64, 128, 256]);
        assert_eq!(
            after_failure(MAX_ATTEMPTS, false, minute),
            AfterFailure::GiveUp
        );
        assert_eq!(
            after_failure(9, false, Duration::hours(1)),
            AfterFailure::RetryIn(longest_wait())
        );
    }

    #[test]
    fn a_permanent_refusal_is_not_retried() {
        assert_eq!(
            after_failure(1, true, Duration::minutes(1)),
            AfterFailure::GiveUp
        );
    }

    #[test]
    fn a_huge_number_of_attempts_never_overflows() {
        assert_eq!(
            after_failure(i64::MAX, false, Duration::minutes(1)),
            AfterFailure::GiveUp
        );
        assert_eq!(
            after_failure(0, false, Duration::minutes(1)),
            AfterFailure::RetryIn(Duration::minutes(1))
        );
    }

    #[test]
    fn states_round_trip_through_their_stored_word() {
        for state in [
            Delivery::Pending,
            Delivery::Sending,
            Delivery::Sent,
            Delivery::Failed,
        ] {
            assert_eq!(Delivery::from_stored(state.to_stored()), Some(state));
        }
        assert_eq!(Delivery::from_stored("lost"), None);
        for kind in MailKind::ALL {
            assert_eq!(MailKind::try_from(kind.to_stored().to_owned()), Ok(kind));
        }
        assert!(MailKind::try_from("spam".to_owned()).is_err());
    }
}
