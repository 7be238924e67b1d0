//! Whether a booking may go ahead: every rule of PRODUCT.md in one pure function.
//!
//! The persistence layer reads the facts inside its transaction (with the stock and the
//! wallet locked), calls [`check`] and only then writes; the database constraints are
//! the safety net under this function, not a substitute for it.

use crate::catalogue::{CapKind, Subcategory};
use crate::money::Cents;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a booking is refused. Each has its own message for the young person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum BookingRefusal {
    NotBeneficiary,
    AccountSuspended,
    /// The person has not yet opened the link mailed to their address.
    EmailNotVerified,
    /// A new version of the terms of use or the privacy notice awaits their acceptance.
    TermsNotAccepted,
    CreditExpired,
    MinorNotAllowed,
    OfferUnavailable,
    AlreadyBooked,
    InvalidQuantity,
    DuoNotAllowed,
    SoldOut,
    /// A digital offer whose activation codes have all been given (or have expired).
    NoCodesLeft,
    NotEnoughSeats,
    BookingClosed,
    InsufficientCredit,
    DigitalCapReached,
    PhysicalCapReached,
}

impl fmt::Display for BookingRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            BookingRefusal::NotBeneficiary => "Ton compte n'a pas de crédit pass Culture activé",
            BookingRefusal::AccountSuspended => {
                "Ton compte est suspendu : tu ne peux plus réserver"
            }
            BookingRefusal::EmailNotVerified => {
                "Confirme ton adresse e-mail pour réserver : ouvre le lien que nous t'avons envoyé"
            }
            BookingRefusal::TermsNotAccepted => {
                "Accepte les nouvelles conditions d'utilisation pour réserver"
            }
            BookingRefusal::CreditExpired => "Ton crédit a expiré",
            BookingRefusal::MinorNotAllowed => "Cette offre n'est pas réservable avant 18 ans",
            BookingRefusal::OfferUnavailable => "Cette offre n'est pas disponible à la réservation",
            BookingRefusal::AlreadyBooked => "Tu as déjà réservé cette offre",
            BookingRefusal::InvalidQuantity => "On réserve une place, ou deux pour une offre duo",
            BookingRefusal::DuoNotAllowed => "Cette offre n'est pas disponible en duo",
            BookingRefusal::SoldOut => "Il ne reste plus de places",
            BookingRefusal::NoCodesLeft => "Il n'y a plus de codes disponibles",
            BookingRefusal::NotEnoughSeats => "Il ne reste pas assez de places pour un duo",
            BookingRefusal::BookingClosed => "Les réservations sont closes pour cette date",
            BookingRefusal::InsufficientCredit => "Crédit insuffisant",
            BookingRefusal::DigitalCapReached => "Plafond numérique atteint",
            BookingRefusal::PhysicalCapReached => "Plafond des biens physiques atteint",
        })
    }
}

/// The wallet as read inside the booking transaction.
#[derive(Debug, Clone, Copy)]
pub struct WalletFacts {
    pub balance: Cents,
    pub expires_at: DateTime<Utc>,
    /// Already spent on offers that count against each cap (active bookings).
    pub digital_spent: Cents,
    pub physical_spent: Cents,
    pub digital_cap: Option<Cents>,
    pub physical_cap: Option<Cents>,
}

/// The offer and the chosen stock as read inside the booking transaction.
#[derive(Debug, Clone, Copy)]
pub struct StockFacts {
    pub subcategory: &'static Subcategory,
    pub offer_is_duo: bool,
    pub offer_is_online: bool,
    /// Each booking takes one of the stock's activation codes: `remaining` counts the
    /// codes still to give.
    pub delivers_codes: bool,
    /// Published offer of a validated partner, stock not deleted.
    pub offer_is_bookable: bool,
    pub price: Cents,
    /// `None` means unlimited.
    pub remaining: Option<i64>,
    pub booking_limit: Option<DateTime<Utc>>,
    pub event_start: Option<DateTime<Utc>>,
}

/// Everything [`check`] needs.
#[derive(Debug, Clone, Copy)]
pub struct BookingFacts {
    pub now: DateTime<Utc>,
    /// Suspended by the moderation: neither booking nor commenting.
    pub is_suspended: bool,
    /// The terms of use or the privacy notice changed since the person last accepted
    /// them (`legal::must_accept`): they read and accept them again before booking.
    pub must_accept_texts: bool,
    /// The person opened the link mailed to their address (a booking's mails, and the
    /// credit it spends, must reach them).
    pub email_verified: bool,
    pub is_minor: bool,
    pub wallet: Option<WalletFacts>,
    pub stock: StockFacts,
    pub has_active_booking_for_offer: bool,
    pub quantity: i64,
}

/// What a successful check decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Approved {
    pub total: Cents,
    pub cap: Option<CapKind>,
    /// A digital offer is delivered when booked (its link or code is on the ticket at
    /// once): the booking is used from the start and cannot be cancelled.
    pub delivered_on_booking: bool,
}

/// Applies the rules in the order of the real pass Culture, so that the young person is
/// told the most fundamental reason first.
pub fn check(f: &BookingFacts) -> Result<Approved, BookingRefusal> {
    if f.is_suspended {
        return Err(BookingRefusal::AccountSuspended);
    }
    if f.must_accept_texts {
        return Err(BookingRefusal::TermsNotAccepted);
    }
    if !f.email_verified {
        return Err(BookingRefusal::EmailNotVerified);
    }
    let stock = &f.stock;
    let is_free = stock.price.is_zero();
    if f.is_minor && !is_free && !stock.subcategory.minors_can_book_paid {
        return Err(BookingRefusal::MinorNotAllowed);
    }
    let wallet = f.wallet.ok_or(BookingRefusal::NotBeneficiary)?;
    if f.now >= wallet.expires_at {
        return Err(BookingRefusal::CreditExpired);
    }
    if f.has_active_booking_for_offer {
        return Err(BookingRefusal::AlreadyBooked);
    }
    match f.quantity {
        1 => {}
        2 if stock.offer_is_duo && stock.subcategory.can_be_duo && !stock.delivers_codes => {}
        2 => return Err(BookingRefusal::DuoNotAllowed),
        _ => return Err(BookingRefusal::InvalidQuantity),
    }
    if !stock.offer_is_bookable {
        return Err(BookingRefusal::OfferUnavailable);
    }
    let closes_at = match (stock.booking_limit, stock.event_start) {
        (Some(limit), _) => Some(limit),
        (None, start) => start,
    };
    if closes_at.is_some_and(|closes| f.now >= closes) {
        return Err(BookingRefusal::BookingClosed);
    }
    match stock.remaining {
        Some(remaining) if remaining <= 0 && stock.delivers_codes => {
            return Err(BookingRefusal::NoCodesLeft);
        }
        Some(remaining) if remaining <= 0 => return Err(BookingRefusal::SoldOut),
        Some(remaining) if remaining < f.quantity => return Err(BookingRefusal::NotEnoughSeats),
        _ => {}
    }
    let total = stock.price * f.quantity;
    if total > wallet.balance {
        return Err(BookingRefusal::InsufficientCredit);
    }
    let cap = stock.subcategory.applicable_cap(stock.offer_is_online);
    match cap {
        Some(CapKind::Digital) if exceeds(wallet.digital_cap, wallet.digital_spent, total) => {
            Err(BookingRefusal::DigitalCapReached)
        }
        Some(CapKind::Physical) if exceeds(wallet.physical_cap, wallet.physical_spent, total) => {
            Err(BookingRefusal::PhysicalCapReached)
        }
        _ => Ok(Approved {
            total,
            cap,
            delivered_on_booking: stock.offer_is_online,
        }),
    }
}

fn exceeds(cap: Option<Cents>, spent: Cents, total: Cents) -> bool {
    cap.is_some_and(|cap| spent + total > cap)
}

/// The longest idempotency key a client may send with a booking.
pub const MAX_IDEMPOTENCY_KEY_LEN: usize = 64;

/// A client's idempotency key as sent: empty means none; otherwise 1 to 64 printable
/// ASCII characters (a UUID, a counter), nothing a database or a log could misread.
pub fn parse_idempotency_key(text: &str) -> Result<Option<String>, &'static str> {
    match text {
        "" => Ok(None),
        key if key.len() > MAX_IDEMPOTENCY_KEY_LEN => {
            Err("Clé d'idempotence trop longue (64 caractères au plus)")
        }
        key if !key.bytes().all(|b| b.is_ascii_graphic()) => {
            Err("Clé d'idempotence invalide (lettres, chiffres et ponctuation ASCII)")
        }
        key => Ok(Some(key.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::subcategory;
    use chrono::{Duration, TimeZone};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0)
            .single()
            .expect("valid")
    }

    fn facts(sub: &str, price: i64) -> BookingFacts {
        BookingFacts {
            is_suspended: false,
            must_accept_texts: false,
            email_verified: true,
            now: now(),
            is_minor: false,
            wallet: Some(WalletFacts {
                balance: Cents::euros(500),
                expires_at: now() + Duration::days(700),
                digital_spent: Cents::ZERO,
                physical_spent: Cents::ZERO,
                digital_cap: Some(Cents::euros(200)),
                physical_cap: Some(Cents::euros(200)),
            }),
            stock: StockFacts {
                subcategory: subcategory(sub).expect("known"),
                offer_is_duo: false,
                offer_is_online: false,
                delivers_codes: false,
                offer_is_bookable: true,
                price: Cents(price),
                remaining: Some(10),
                booking_limit: None,
                event_start: None,
            },
            has_active_booking_for_offer: false,
            quantity: 1,
        }
    }

    #[test]
    fn a_beneficiary_with_credit_books_a_seat_at_its_price() {
        let approved = check(&facts("SEANCE_CINE", 750)).expect("approved");
        assert_eq!(approved.total, Cents(750));
    }

    #[test]
    fn someone_without_credit_cannot_book_even_a_free_offer() {
        let mut f = facts("VISITE", 0);
        f.wallet = None;
        assert_eq!(check(&f), Err(BookingRefusal::NotBeneficiary));
    }

    #[test]
    fn expired_credit_cannot_be_spent() {
        let mut f = facts("VISITE", 500);
        if let Some(w) = f.wallet.as_mut() {
            w.expires_at = now();
        }
        assert_eq!(check(&f), Err(BookingRefusal::CreditExpired));
    }

    #[test]
    fn one_active_booking_per_offer() {
        let mut f = facts("CONCERT", 1500);
        f.has_active_booking_for_offer = true;
        assert_eq!(check(&f), Err(BookingRefusal::AlreadyBooked));
    }

    #[test]
    fn a_duo_books_two_seats_and_debits_twice_the_price() {
        let mut f = facts("CONCERT", 1500);
        f.stock.offer_is_duo = true;
        f.quantity = 2;
        assert_eq!(check(&f).map(|a| a.total), Ok(Cents(3000)));
    }

    #[test]
    fn a_duo_is_refused_on_an_offer_that_is_not_duo() {
        let mut f = facts("CONCERT", 1500);
        f.quantity = 2;
        assert_eq!(check(&f), Err(BookingRefusal::DuoNotAllowed));
    }

    #[test]
    fn zero_negative_or_huge_quantities_are_refused() {
        for quantity in [0, -1, 3, i64::MAX] {
            let mut f = facts("CONCERT", 1500);
            f.stock.offer_is_duo = true;
            f.quantity = quantity;
            assert_eq!(
                check(&f),
                Err(BookingRefusal::InvalidQuantity),
                "{quantity}"
            );
        }
    }

    #[test]
    fn a_sold_out_stock_is_refused_and_a_duo_needs_two_seats() {
        let mut f = facts("CONCERT", 1500);
        f.stock.remaining = Some(0);
        assert_eq!(check(&f), Err(BookingRefusal::SoldOut));
        f.stock.remaining = Some(1);
        f.stock.offer_is_duo = true;
        f.quantity = 2;
        assert_eq!(check(&f), Err(BookingRefusal::NotEnoughSeats));
    }

    #[test]
    fn an_unlimited_stock_never_sells_out() {
        let mut f = facts("LIVRE_PAPIER", 1500);
        f.stock.remaining = None;
        assert!(check(&f).is_ok());
    }

    #[test]
    fn booking_closes_at_the_booking_limit_or_else_at_the_start() {
        let mut f = facts("CONCERT", 1500);
        f.stock.booking_limit = Some(now());
        assert_eq!(check(&f), Err(BookingRefusal::BookingClosed));
        f.stock.booking_limit = None;
        f.stock.event_start = Some(now() - Duration::minutes(1));
        assert_eq!(check(&f), Err(BookingRefusal::BookingClosed));
        f.stock.event_start = Some(now() + Duration::days(1));
        assert!(check(&f).is_ok());
    }

    #[test]
    fn the_total_must_fit_in_the_remaining_credit() {
        let mut f = facts("ACHAT_INSTRUMENT", 20_000);
        if let Some(w) = f.wallet.as_mut() {
            w.balance = Cents(19_999);
        }
        assert_eq!(check(&f), Err(BookingRefusal::InsufficientCredit));
    }

    #[test]
    fn an_online_digital_offer_beyond_the_digital_cap_is_refused() {
        let mut f = facts("LIVRE_NUMERIQUE", 1_500);
        f.stock.offer_is_online = true;
        if let Some(w) = f.wallet.as_mut() {
            w.digital_spent = Cents(19_000);
        }
        assert_eq!(check(&f), Err(BookingRefusal::DigitalCapReached));
        f.stock.offer_is_online = false;
        assert!(check(&f).is_ok());
    }

    #[test]
    fn a_digital_offer_is_delivered_when_booked_and_a_physical_one_is_not() {
        let mut f = facts("LIVRE_NUMERIQUE", 999);
        f.stock.offer_is_online = true;
        assert!(check(&f).expect("approved").delivered_on_booking);
        f.stock.offer_is_online = false;
        assert!(!check(&f).expect("approved").delivered_on_booking);
    }

    #[test]
    fn an_offer_with_codes_says_when_none_is_left_and_gives_one_per_booking() {
        let mut f = facts("LIVRE_NUMERIQUE", 999);
        f.stock.offer_is_online = true;
        f.stock.delivers_codes = true;
        f.stock.remaining = Some(0);
        assert_eq!(check(&f), Err(BookingRefusal::NoCodesLeft));
        assert_eq!(
            BookingRefusal::NoCodesLeft.to_string(),
            "Il n'y a plus de codes disponibles"
        );
        // One code per booking: even a duo offer is booked one at a time.
        let mut duo = facts("VISITE", 999);
        duo.stock.offer_is_duo = true;
        duo.quantity = 2;
        assert!(check(&duo).is_ok());
        duo.stock.delivers_codes = true;
        assert_eq!(check(&duo), Err(BookingRefusal::DuoNotAllowed));
    }

    #[test]
    fn physical_goods_beyond_the_physical_cap_are_refused() {
        let mut f = facts("SUPPORT_PHYSIQUE_MUSIQUE", 2_000);
        if let Some(w) = f.wallet.as_mut() {
            w.physical_spent = Cents(18_500);
        }
        assert_eq!(check(&f), Err(BookingRefusal::PhysicalCapReached));
    }

    #[test]
    fn a_policy_without_caps_lets_any_category_use_the_whole_credit() {
        let mut f = facts("SUPPORT_PHYSIQUE_MUSIQUE", 2_000);
        if let Some(w) = f.wallet.as_mut() {
            w.physical_spent = Cents(40_000);
            w.physical_cap = None;
        }
        assert!(check(&f).is_ok());
    }

    #[test]
    fn minors_cannot_book_paid_offers_their_subcategory_forbids_but_can_book_free_ones() {
        let mut f = facts("VOD", 500);
        f.stock.offer_is_online = true;
        f.is_minor = true;
        assert_eq!(check(&f), Err(BookingRefusal::MinorNotAllowed));
        f.stock.price = Cents::ZERO;
        assert!(check(&f).is_ok());
        let mut cinema = facts("SEANCE_CINE", 500);
        cinema.is_minor = true;
        assert!(check(&cinema).is_ok());
    }

    #[test]
    fn an_unpublished_offer_cannot_be_booked() {
        let mut f = facts("CONCERT", 1500);
        f.stock.offer_is_bookable = false;
        assert_eq!(check(&f), Err(BookingRefusal::OfferUnavailable));
    }

    #[test]
    fn idempotency_keys_are_short_printable_ascii_or_nothing() {
        assert_eq!(parse_idempotency_key(""), Ok(None));
        assert_eq!(parse_idempotency_key("try-1"), Ok(Some("try-1".to_owned())));
        for bad in ["a\0b", "clé", "a b", &"k".repeat(65)] {
            assert!(parse_idempotency_key(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_suspended_person_cannot_book_even_a_free_offer() {
        let mut f = facts("SPECTACLE_REPRESENTATION", 0);
        f.is_suspended = true;
        assert_eq!(check(&f), Err(BookingRefusal::AccountSuspended));
    }

    #[test]
    fn who_has_not_accepted_the_texts_in_force_books_nothing_not_even_free() {
        let mut f = facts("SPECTACLE_REPRESENTATION", 0);
        f.must_accept_texts = true;
        assert_eq!(check(&f), Err(BookingRefusal::TermsNotAccepted));
        // Suspension is the more fundamental reason.
        f.is_suspended = true;
        assert_eq!(check(&f), Err(BookingRefusal::AccountSuspended));
    }

    #[test]
    fn an_unverified_address_books_nothing_not_even_a_free_offer() {
        let mut f = facts("SPECTACLE_REPRESENTATION", 0);
        f.email_verified = false;
        assert_eq!(check(&f), Err(BookingRefusal::EmailNotVerified));
        f.email_verified = true;
        assert!(check(&f).is_ok());
    }
}
