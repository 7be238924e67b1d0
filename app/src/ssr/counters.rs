//! What the application counts for the server's `/metrics`: bookings and refusals by
//! reason, and mails by outcome. The names are declared here, once; the server installs
//! the recorder (without one, as in unit tests, recording does nothing).

use crate::error::AppError;
use crate::ssr::sender::Round;

/// Bookings acknowledged (a replay of the same request included).
pub const BOOKINGS: &str = "culture_pass_bookings_total";
/// Bookings refused by a rule, by `reason` (the refusal's name: `SoldOut`,
/// `InsufficientCredit`, ...).
pub const BOOKING_REFUSALS: &str = "culture_pass_booking_refusals_total";
/// Delivery attempts of mails, by `outcome`: `sent`, `retried`, `given_up`, `declined`.
pub const MAILS: &str = "culture_pass_mails_total";

/// Counts how a booking request ended; other errors (signed out, bad input, the
/// database) are the requests' metrics, not the bookings'.
pub fn booking<T>(answer: &Result<T, AppError>) {
    match answer {
        Ok(_) => metrics::counter!(BOOKINGS).increment(1),
        Err(AppError::Booking(refusal)) => {
            metrics::counter!(BOOKING_REFUSALS, "reason" => format!("{refusal:?}")).increment(1);
        }
        Err(_) => {}
    }
}

/// Counts what a round of the mail sender did.
pub fn mails(round: &Round) {
    for (outcome, count) in [
        ("sent", round.sent),
        ("retried", round.retried),
        ("given_up", round.given_up),
        ("declined", round.declined),
    ] {
        if count > 0 {
            metrics::counter!(MAILS, "outcome" => outcome).increment(count);
        }
    }
}
