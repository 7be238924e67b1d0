//! Why a field of a form is refused, per language: the domain's typed reasons
//! (`FieldRefusal`, of the partner's forms and of a few refusals of the store) and the
//! errors of its checks of what people type (a text, a SIREN or SIRET, a price), which
//! carry no sentence of their own for the person. Their `Display` stays the French one,
//! for the logs; a test here checks that French says exactly it.

use super::{Locale, words};
use crate::i18n::td_string;
use domain::identifiers::IdentifierError;
use domain::money::PriceError;
use domain::pro::FieldRefusal;
use domain::pro::codes::{MAX_CODE_CHARS, MAX_CODES_PER_UPLOAD};
use domain::pro::image::{MAX_SIDE, MIN_SIDE};
use domain::pro::stock::MAX_STOCKS;
use domain::text::TextError;

/// What is wrong with a field, in `locale`.
pub fn field(locale: Locale, reason: &FieldRefusal) -> String {
    let said = |sentence: &'static str| sentence.to_owned();
    match reason {
        FieldRefusal::Text(error) => said(text(locale, error)),
        FieldRefusal::Identifier(error) => said(identifier(locale, error)),
        FieldRefusal::Price(error) => said(price(locale, error)),
        FieldRefusal::Required => said(td_string!(locale, field.required)),
        FieldRefusal::TooLong { max } => td_string!(locale, field.too_long, max).to_string(),
        FieldRefusal::InvalidDay => said(td_string!(locale, field.invalid_day)),
        FieldRefusal::InvalidDateTime => said(td_string!(locale, field.invalid_date_time)),
        FieldRefusal::CancellationReasonTooShort => {
            let min = domain::cancellation::MIN_PARTNER_REASON_CHARS;
            td_string!(locale, field.cancellation_reason_too_short, min).to_string()
        }
        FieldRefusal::TooManyPendingStructures => {
            let max = domain::pro::MAX_PENDING_STRUCTURES;
            td_string!(locale, field.too_many_pending, max).to_string()
        }
        FieldRefusal::InviteOnceValidated => said(td_string!(locale, field.invite_once_validated)),
        FieldRefusal::TeamAdminsOnly => said(td_string!(locale, field.team_admins_only)),
        FieldRefusal::LastAdministrator => said(td_string!(locale, field.last_administrator)),
        FieldRefusal::BankAdminsOnly => said(td_string!(locale, field.bank_admins_only)),
        FieldRefusal::Coordinates => said(td_string!(locale, field.coordinates)),
        FieldRefusal::Latitude => said(td_string!(locale, field.latitude)),
        FieldRefusal::Longitude => said(td_string!(locale, field.longitude)),
        FieldRefusal::NoSiretReason => said(td_string!(locale, field.no_siret_reason)),
        FieldRefusal::VenueType => said(td_string!(locale, field.venue_type)),
        FieldRefusal::PostalCode => said(td_string!(locale, field.postal_code)),
        FieldRefusal::Category => said(td_string!(locale, field.category)),
        FieldRefusal::InvalidUrl => said(td_string!(locale, field.invalid_url)),
        FieldRefusal::UrlNeeded => said(td_string!(locale, field.url_needed)),
        FieldRefusal::NoUrlOnSite => said(td_string!(locale, field.no_url_on_site)),
        FieldRefusal::DigitalVenue => said(td_string!(locale, field.digital_venue)),
        FieldRefusal::PhysicalVenue => said(td_string!(locale, field.physical_venue)),
        FieldRefusal::NoDuo => said(td_string!(locale, field.no_duo)),
        FieldRefusal::PublicationPast => said(td_string!(locale, field.publication_past)),
        FieldRefusal::PriceNotEuros => said(td_string!(locale, field.price_not_euros)),
        FieldRefusal::Quantity => said(td_string!(locale, field.quantity)),
        FieldRefusal::BookingLimitPast => said(td_string!(locale, field.booking_limit_past)),
        FieldRefusal::EventPast => said(td_string!(locale, field.event_past)),
        FieldRefusal::BookingLimitAfterStart => {
            said(td_string!(locale, field.booking_limit_after_start))
        }
        FieldRefusal::SeriesEndsBeforeStart => {
            said(td_string!(locale, field.series_ends_before_start))
        }
        FieldRefusal::SeriesTooLong => said(td_string!(locale, field.series_too_long)),
        FieldRefusal::InvalidTime { text } => {
            td_string!(locale, field.invalid_time, text).to_string()
        }
        FieldRefusal::NoTime => said(td_string!(locale, field.no_time)),
        FieldRefusal::StockExists => said(td_string!(locale, field.stock_exists)),
        FieldRefusal::TooManyStocks { existing, adding } => {
            let max = MAX_STOCKS;
            td_string!(locale, field.too_many_stocks, max, existing, adding).to_string()
        }
        FieldRefusal::QuantityBelowBooked { booked } => {
            td_string!(locale, field.quantity_below_booked, booked).to_string()
        }
        FieldRefusal::NoImage => said(td_string!(locale, field.no_image)),
        FieldRefusal::ImageTooHeavy => said(td_string!(locale, field.image_too_heavy)),
        FieldRefusal::ImageFormat => said(td_string!(locale, field.image_format)),
        FieldRefusal::ImageTooLarge { width, height } => {
            let max = MAX_SIDE;
            td_string!(locale, field.image_too_large, width, height, max).to_string()
        }
        FieldRefusal::ImageTooSmall { width, height } => {
            let min = MIN_SIDE;
            td_string!(locale, field.image_too_small, min, width, height).to_string()
        }
        FieldRefusal::TooManyCodes => {
            let max = MAX_CODES_PER_UPLOAD;
            td_string!(locale, field.too_many_codes, max).to_string()
        }
        FieldRefusal::NoCode => said(td_string!(locale, field.no_code)),
        FieldRefusal::NoValidCode { lines } => {
            let (refused, lines) = refused_lines(locale, lines);
            let max = MAX_CODE_CHARS;
            td_string!(locale, field.no_valid_code, refused, max, lines).to_string()
        }
        FieldRefusal::DayPast => said(td_string!(locale, field.day_past)),
        FieldRefusal::Holder => said(td_string!(locale, field.holder)),
        FieldRefusal::IbanEmpty => said(td_string!(locale, field.iban_empty)),
        FieldRefusal::IbanCharacters => said(td_string!(locale, field.iban_characters)),
        FieldRefusal::IbanStart => said(td_string!(locale, field.iban_start)),
        FieldRefusal::IbanCountryLength => said(td_string!(locale, field.iban_country_length)),
        FieldRefusal::IbanLength => said(td_string!(locale, field.iban_length)),
        FieldRefusal::IbanCheckDigits => said(td_string!(locale, field.iban_check_digits)),
        FieldRefusal::Bic => said(td_string!(locale, field.bic)),
        FieldRefusal::BicCountry => said(td_string!(locale, field.bic_country)),
        FieldRefusal::AuthorSuspended => said(td_string!(locale, field.author_suspended)),
        FieldRefusal::EditClosed => said(td_string!(locale, field.edit_closed)),
        FieldRefusal::OwnReview => said(td_string!(locale, field.own_review)),
        FieldRefusal::VersionScheduledMeanwhile => {
            said(td_string!(locale, field.version_scheduled_meanwhile))
        }
        FieldRefusal::OfferWithdrawn => said(td_string!(locale, field.offer_withdrawn)),
        FieldRefusal::NotSubmittable => said(td_string!(locale, field.not_submittable)),
    }
}

/// The refused lines of a list of codes: how many ("2 lignes refusées", agreed as
/// `locale` does), and the first ten of their numbers.
fn refused_lines(locale: Locale, lines: &[usize]) -> (String, String) {
    const SHOWN: usize = 10;
    let count = lines.len();
    let refused = if words::singular(locale, i64::try_from(count).unwrap_or(i64::MAX)) {
        td_string!(locale, editor.one_line_refused, count).to_string()
    } else {
        td_string!(locale, editor.lines_refused, count).to_string()
    };
    let mut shown: Vec<String> = lines.iter().take(SHOWN).map(usize::to_string).collect();
    if count > SHOWN {
        shown.push("…".to_owned());
    }
    (refused, shown.join(", "))
}

/// What is wrong with a text as typed: a title, an e-mail address, a password, or a
/// character it may not hold.
pub fn text(locale: Locale, error: &TextError) -> &'static str {
    match error {
        TextError::TitleEmpty => td_string!(locale, text_refusal.title_empty),
        TextError::TitleTooLong => td_string!(locale, text_refusal.title_too_long),
        TextError::EmailInvalid => td_string!(locale, text_refusal.email_invalid),
        TextError::PasswordEmpty => td_string!(locale, text_refusal.password_empty),
        TextError::PasswordTooShort => td_string!(locale, text_refusal.password_too_short),
        TextError::PasswordTooLong => td_string!(locale, text_refusal.password_too_long),
        TextError::ControlCharacter => td_string!(locale, text_refusal.control_character),
        TextError::NotOneLine => td_string!(locale, text_refusal.not_one_line),
    }
}

/// What is wrong with a SIREN or a SIRET.
pub fn identifier(locale: Locale, error: &IdentifierError) -> &'static str {
    match error {
        IdentifierError::SirenLength => td_string!(locale, text_refusal.siren_length),
        IdentifierError::SiretLength => td_string!(locale, text_refusal.siret_length),
        IdentifierError::Checksum => td_string!(locale, text_refusal.checksum),
    }
}

/// What is wrong with a stock's price.
pub fn price(locale: Locale, error: &PriceError) -> &'static str {
    match error {
        PriceError::Negative => td_string!(locale, text_refusal.price_negative),
        PriceError::TooHigh => td_string!(locale, text_refusal.price_too_high),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// One reason of each kind (every variant: a new one must be added here).
    fn every_reason() -> Vec<FieldRefusal> {
        let mut reasons: Vec<FieldRefusal> = every_text()
            .into_iter()
            .map(FieldRefusal::Text)
            .chain(every_identifier().into_iter().map(FieldRefusal::Identifier))
            .chain(every_price().into_iter().map(FieldRefusal::Price))
            .collect();
        reasons.extend([
            FieldRefusal::Required,
            FieldRefusal::TooLong { max: 120 },
            FieldRefusal::InvalidDay,
            FieldRefusal::InvalidDateTime,
            FieldRefusal::CancellationReasonTooShort,
            FieldRefusal::TooManyPendingStructures,
            FieldRefusal::InviteOnceValidated,
            FieldRefusal::TeamAdminsOnly,
            FieldRefusal::LastAdministrator,
            FieldRefusal::BankAdminsOnly,
            FieldRefusal::Coordinates,
            FieldRefusal::Latitude,
            FieldRefusal::Longitude,
            FieldRefusal::NoSiretReason,
            FieldRefusal::VenueType,
            FieldRefusal::PostalCode,
            FieldRefusal::Category,
            FieldRefusal::InvalidUrl,
            FieldRefusal::UrlNeeded,
            FieldRefusal::NoUrlOnSite,
            FieldRefusal::DigitalVenue,
            FieldRefusal::PhysicalVenue,
            FieldRefusal::NoDuo,
            FieldRefusal::PublicationPast,
            FieldRefusal::PriceNotEuros,
            FieldRefusal::Quantity,
            FieldRefusal::BookingLimitPast,
            FieldRefusal::EventPast,
            FieldRefusal::BookingLimitAfterStart,
            FieldRefusal::SeriesEndsBeforeStart,
            FieldRefusal::SeriesTooLong,
            FieldRefusal::InvalidTime {
                text: "25:00".into(),
            },
            FieldRefusal::NoTime,
            FieldRefusal::StockExists,
            FieldRefusal::TooManyStocks {
                existing: 2_400,
                adding: 101,
            },
            FieldRefusal::QuantityBelowBooked { booked: 12 },
            FieldRefusal::NoImage,
            FieldRefusal::ImageTooHeavy,
            FieldRefusal::ImageFormat,
            FieldRefusal::ImageTooLarge {
                width: 12_000,
                height: 400,
            },
            FieldRefusal::ImageTooSmall {
                width: 300,
                height: 500,
            },
            FieldRefusal::TooManyCodes,
            FieldRefusal::NoCode,
            FieldRefusal::NoValidCode { lines: vec![1, 2] },
            FieldRefusal::DayPast,
            FieldRefusal::Holder,
            FieldRefusal::IbanEmpty,
            FieldRefusal::IbanCharacters,
            FieldRefusal::IbanStart,
            FieldRefusal::IbanCountryLength,
            FieldRefusal::IbanLength,
            FieldRefusal::IbanCheckDigits,
            FieldRefusal::Bic,
            FieldRefusal::BicCountry,
            FieldRefusal::AuthorSuspended,
            FieldRefusal::EditClosed,
            FieldRefusal::OwnReview,
            FieldRefusal::VersionScheduledMeanwhile,
            FieldRefusal::OfferWithdrawn,
            FieldRefusal::NotSubmittable,
        ]);
        reasons
    }

    fn every_text() -> [TextError; 8] {
        [
            TextError::TitleEmpty,
            TextError::TitleTooLong,
            TextError::EmailInvalid,
            TextError::PasswordEmpty,
            TextError::PasswordTooShort,
            TextError::PasswordTooLong,
            TextError::ControlCharacter,
            TextError::NotOneLine,
        ]
    }

    fn every_identifier() -> [IdentifierError; 3] {
        [
            IdentifierError::SirenLength,
            IdentifierError::SiretLength,
            IdentifierError::Checksum,
        ]
    }

    fn every_price() -> [PriceError; 2] {
        [PriceError::Negative, PriceError::TooHigh]
    }

    #[test]
    fn french_says_every_reason_as_the_domain_does_and_english_otherwise() {
        let reasons = every_reason();
        // The wrapping kinds count once each.
        let kinds: HashSet<_> = reasons.iter().map(std::mem::discriminant).collect();
        assert_eq!(kinds.len(), 63, "one reason of each kind");
        for reason in &reasons {
            let french = field(Locale::fr, reason);
            assert_eq!(french, reason.to_string());
            let english = field(Locale::en, reason);
            assert!(!english.trim().is_empty(), "{reason:?}");
            assert_ne!(english, french, "{reason:?}");
        }
        for error in every_text() {
            assert_eq!(text(Locale::fr, &error), error.to_string());
            assert_ne!(text(Locale::en, &error), error.to_string());
        }
        for error in every_identifier() {
            assert_eq!(identifier(Locale::fr, &error), error.to_string());
            assert_ne!(identifier(Locale::en, &error), error.to_string());
        }
        for error in every_price() {
            assert_eq!(price(Locale::fr, &error), error.to_string());
            assert_ne!(price(Locale::en, &error), error.to_string());
        }
    }

    /// The words of four letters or more of `sentence`, lower-cased.
    fn words_of(sentence: &str) -> HashSet<String> {
        sentence
            .split(|c: char| !c.is_alphabetic())
            .filter(|word| word.chars().count() >= 4)
            .map(str::to_lowercase)
            .collect()
    }

    #[test]
    fn english_has_none_of_the_french_words() {
        // Words both languages write alike.
        let shared: HashSet<String> = ["siret", "siren", "code"].map(String::from).into();
        for reason in [
            FieldRefusal::Required,
            FieldRefusal::TooLong { max: 200 },
            FieldRefusal::Category,
            FieldRefusal::NoSiretReason,
            FieldRefusal::LastAdministrator,
            FieldRefusal::AuthorSuspended,
            FieldRefusal::InvalidTime { text: "9h".into() },
            FieldRefusal::Text(TextError::PasswordTooShort),
            FieldRefusal::NoValidCode {
                lines: (1..=12).collect(),
            },
        ] {
            let english = words_of(&field(Locale::en, &reason));
            let french = words_of(&reason.to_string());
            let common: Vec<_> = french.intersection(&english).collect();
            assert!(
                common.iter().all(|word| shared.contains(*word)),
                "{reason:?}: {common:?}"
            );
        }
    }

    #[test]
    fn values_are_said_in_their_place() {
        for lines in [vec![3], (1..=11).collect()] {
            let reason = FieldRefusal::NoValidCode { lines };
            assert_eq!(field(Locale::fr, &reason), reason.to_string());
        }
        assert_eq!(
            field(
                Locale::en,
                &FieldRefusal::QuantityBelowBooked { booked: 12 }
            ),
            "The quantity cannot be lower than the number of places already booked (12)"
        );
        assert_eq!(
            field(
                Locale::en,
                &FieldRefusal::NoValidCode {
                    lines: (1..=11).collect()
                }
            ),
            "No valid code: 11 lines refused (a space, a control character or more than 100 \
             characters): 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, …"
        );
        assert_eq!(
            field(Locale::en, &FieldRefusal::NoValidCode { lines: vec![3] }),
            "No valid code: 1 line refused (a space, a control character or more than 100 \
             characters): 3"
        );
    }
}
