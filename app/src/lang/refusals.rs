//! What the app says when it refuses, per language: the application's errors and the
//! domain's typed reasons (`BookingRefusal`, `TicketRefusal`, a birth date, a ticket
//! code, a comment, terms that changed), which carry no sentence of their own for the
//! person. Their `Display` stays the French one, for the logs.

use super::Locale;
use crate::error::AppError;
use crate::i18n::td_string;
use domain::booking::BookingRefusal;
use domain::eligibility::BirthDateError;
use domain::legal::OutdatedTexts;
use domain::social::comment::CommentError;
use domain::ticket::{TicketRefusal, utc_minute};
use domain::token::TokenError;

/// The sentence a person reads for `error`. A field's message (`Invalid`) was worded by
/// the server, in the request's language.
pub fn app_error(locale: Locale, error: &AppError) -> String {
    match error {
        AppError::Unauthenticated => td_string!(locale, error.unauthenticated).to_owned(),
        AppError::Forbidden => td_string!(locale, error.forbidden).to_owned(),
        AppError::NotFound => td_string!(locale, error.not_found).to_owned(),
        AppError::BadCredentials => td_string!(locale, error.bad_credentials).to_owned(),
        AppError::TooManyAttempts => td_string!(locale, error.too_many_attempts).to_owned(),
        AppError::Suspended { support } => td_string!(locale, error.suspended, support).to_string(),
        AppError::RateLimited { seconds } => {
            td_string!(locale, error.rate_limited, seconds).to_string()
        }
        AppError::CrossSite => td_string!(locale, error.cross_site).to_owned(),
        AppError::Invalid { message, .. } => message.clone(),
        AppError::Booking(refusal) => booking(locale, *refusal).to_owned(),
        AppError::Ticket(refusal) => ticket(locale, refusal),
        AppError::Conflict => td_string!(locale, error.conflict).to_owned(),
        AppError::LimitReached => td_string!(locale, error.limit_reached).to_owned(),
        AppError::Internal => td_string!(locale, error.internal).to_owned(),
        AppError::Transport(_) => td_string!(locale, error.transport).to_owned(),
    }
}

/// Why a booking was refused.
pub fn booking(locale: Locale, refusal: BookingRefusal) -> &'static str {
    match refusal {
        BookingRefusal::NotBeneficiary => td_string!(locale, refusal.not_beneficiary),
        BookingRefusal::AccountSuspended => td_string!(locale, refusal.account_suspended),
        BookingRefusal::EmailNotVerified => td_string!(locale, refusal.email_not_verified),
        BookingRefusal::TermsNotAccepted => td_string!(locale, refusal.terms_not_accepted),
        BookingRefusal::CreditExpired => td_string!(locale, refusal.credit_expired),
        BookingRefusal::MinorNotAllowed => td_string!(locale, refusal.minor_not_allowed),
        BookingRefusal::OfferUnavailable => td_string!(locale, refusal.offer_unavailable),
        BookingRefusal::AlreadyBooked => td_string!(locale, refusal.already_booked),
        BookingRefusal::InvalidQuantity => td_string!(locale, refusal.invalid_quantity),
        BookingRefusal::DuoNotAllowed => td_string!(locale, refusal.duo_not_allowed),
        BookingRefusal::SoldOut => td_string!(locale, refusal.sold_out),
        BookingRefusal::NoCodesLeft => td_string!(locale, refusal.no_codes_left),
        BookingRefusal::NotEnoughSeats => td_string!(locale, refusal.not_enough_seats),
        BookingRefusal::BookingClosed => td_string!(locale, refusal.booking_closed),
        BookingRefusal::InsufficientCredit => td_string!(locale, refusal.insufficient_credit),
        BookingRefusal::DigitalCapReached => td_string!(locale, refusal.digital_cap),
        BookingRefusal::PhysicalCapReached => td_string!(locale, refusal.physical_cap),
    }
}

/// Why a ticket cannot be validated, cancelled or its validation undone; its instants
/// in UTC, to the minute.
pub fn ticket(locale: Locale, refusal: &TicketRefusal) -> String {
    let at = |instant| {
        let (date, time) = utc_minute(instant);
        td_string!(locale, calendar.utc_minute, date, time).to_string()
    };
    match refusal {
        TicketRefusal::Unknown => td_string!(locale, refusal.ticket_unknown).to_owned(),
        TicketRefusal::AlreadyUsed => td_string!(locale, refusal.ticket_used).to_owned(),
        TicketRefusal::Cancelled => td_string!(locale, refusal.ticket_cancelled).to_owned(),
        TicketRefusal::NotYetValidatable { opens_at } => {
            let at = at(*opens_at);
            td_string!(locale, refusal.ticket_not_yet, at).to_string()
        }
        TicketRefusal::CancellationClosed { closed_at } => {
            let at = at(*closed_at);
            td_string!(locale, refusal.cancellation_closed, at).to_string()
        }
        TicketRefusal::NotValidated => td_string!(locale, refusal.not_validated).to_owned(),
        TicketRefusal::DeliveredOnline => td_string!(locale, refusal.delivered_online).to_owned(),
        TicketRefusal::UndoClosed { closed_at } => {
            let at = at(*closed_at);
            td_string!(locale, refusal.undo_closed, at).to_string()
        }
        TicketRefusal::NotCancellable => td_string!(locale, refusal.not_cancellable).to_owned(),
    }
}

/// Why a birth date does not allow an account.
pub fn birth_date(locale: Locale, error: &BirthDateError) -> &'static str {
    match error {
        BirthDateError::Unreadable => td_string!(locale, refusal.birth_unreadable),
        BirthDateError::InTheFuture => td_string!(locale, refusal.birth_in_future),
        BirthDateError::TooYoung => td_string!(locale, refusal.birth_too_young),
        BirthDateError::Implausible => td_string!(locale, refusal.birth_implausible),
    }
}

/// Why a typed ticket code is not one.
pub fn token(locale: Locale, error: &TokenError) -> &'static str {
    match error {
        TokenError::WrongLength => td_string!(locale, refusal.token_length),
        TokenError::ForbiddenCharacter => td_string!(locale, refusal.token_characters),
    }
}

/// Why a comment or its rating is refused.
pub fn comment(locale: Locale, error: &CommentError) -> &'static str {
    match error {
        CommentError::TooShort => td_string!(locale, refusal.comment_too_short),
        CommentError::TooLong => td_string!(locale, refusal.comment_too_long),
        CommentError::ControlCharacters => td_string!(locale, refusal.comment_characters),
        CommentError::Flood => td_string!(locale, refusal.comment_flood),
        CommentError::Rating => td_string!(locale, refusal.rating_range),
    }
}

/// The terms changed while the person was reading them.
pub fn outdated_texts(locale: Locale, _: OutdatedTexts) -> &'static str {
    td_string!(locale, refusal.texts_changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_words_the_refusals_as_their_display_does() {
        // The French sentences moved to the language file unchanged.
        for refusal in [
            BookingRefusal::SoldOut,
            BookingRefusal::InsufficientCredit,
            BookingRefusal::EmailNotVerified,
        ] {
            assert_eq!(booking(Locale::fr, refusal), refusal.to_string());
        }
        let closed = TicketRefusal::CancellationClosed {
            closed_at: chrono::DateTime::from_timestamp(1_765_029_900, 0).expect("valid"),
        };
        assert_eq!(ticket(Locale::fr, &closed), closed.to_string());
        assert_eq!(
            app_error(Locale::fr, &AppError::RateLimited { seconds: 7 }),
            AppError::RateLimited { seconds: 7 }.to_string()
        );
    }

    #[test]
    fn french_words_the_form_refusals_as_their_display_does() {
        use BirthDateError::*;
        for error in [Unreadable, InTheFuture, TooYoung, Implausible] {
            assert_eq!(birth_date(Locale::fr, &error), error.to_string());
            assert_ne!(birth_date(Locale::en, &error), error.to_string());
        }
        for error in [TokenError::WrongLength, TokenError::ForbiddenCharacter] {
            assert_eq!(token(Locale::fr, &error), error.to_string());
            assert_ne!(token(Locale::en, &error), error.to_string());
        }
        use CommentError::*;
        for error in [TooShort, TooLong, ControlCharacters, Flood, Rating] {
            assert_eq!(comment(Locale::fr, &error), error.to_string());
            assert_ne!(comment(Locale::en, &error), error.to_string());
        }
        assert_eq!(
            outdated_texts(Locale::fr, OutdatedTexts),
            OutdatedTexts.to_string()
        );
        assert_eq!(
            outdated_texts(Locale::en, OutdatedTexts),
            "The terms have just changed: read them again, then accept"
        );
    }

    #[test]
    fn english_words_them_in_english() {
        assert_eq!(
            app_error(Locale::en, &AppError::Booking(BookingRefusal::SoldOut)),
            "There are no places left"
        );
        let closed = TicketRefusal::CancellationClosed {
            closed_at: chrono::DateTime::from_timestamp(1_765_029_900, 0).expect("valid"),
        };
        assert_eq!(
            ticket(Locale::en, &closed),
            "Cancelling closed on 06/12/2025 at 14:05 UTC"
        );
        assert_eq!(app_error(Locale::en, &AppError::NotFound), "Page not found");
    }
}
