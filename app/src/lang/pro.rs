//! The partner dashboard's names per language: a structure's status, a member's role, a
//! booking's status as the partner reads it, the bank details' status, the kinds of
//! venue, why an offer waits for the team, and the reimbursement tiers. The domain keeps
//! its French labels as the reference (its `label()` still serves the logs and the CSV
//! exports; a test here checks that French says exactly them); the pages say these.

use super::Locale;
use crate::i18n::td_string;
use domain::pro::bank::BankStatus;
use domain::pro::review::ReviewCause;
use domain::pro::status::StructureStatus;
use domain::pro::team::MemberRole;
use domain::ticket::BookingStatus;

pub fn structure_status(locale: Locale, status: StructureStatus) -> &'static str {
    match status {
        StructureStatus::Pending => td_string!(locale, pro.status_pending),
        StructureStatus::Validated => td_string!(locale, pro.status_validated),
        StructureStatus::Rejected => td_string!(locale, pro.status_rejected),
    }
}

pub fn member_role(locale: Locale, role: MemberRole) -> &'static str {
    match role {
        MemberRole::Admin => td_string!(locale, team.role_admin),
        MemberRole::Editor => td_string!(locale, team.role_editor),
    }
}

/// A booking's status as its partner reads it (the pass's payment shows: "Remboursée").
pub fn booking_status(locale: Locale, status: BookingStatus) -> &'static str {
    match status {
        BookingStatus::Confirmed => td_string!(locale, booking.status_confirmed),
        BookingStatus::Used => td_string!(locale, booking.status_used),
        BookingStatus::Cancelled => td_string!(locale, booking.status_cancelled),
        BookingStatus::Reimbursed => td_string!(locale, pro_bookings.status_reimbursed),
    }
}

pub fn bank_status(locale: Locale, status: BankStatus) -> &'static str {
    match status {
        BankStatus::Pending => td_string!(locale, partner_payments.bank_pending),
        BankStatus::Validated => td_string!(locale, partner_payments.bank_validated),
        BankStatus::Refused => td_string!(locale, partner_payments.bank_refused),
    }
}

pub fn review_cause(locale: Locale, cause: ReviewCause) -> &'static str {
    match cause {
        ReviewCause::NewStructure => td_string!(locale, pro.cause_new_structure),
        ReviewCause::WatchWord => td_string!(locale, pro.cause_watch_word),
    }
}

/// A kind of venue by its stored code (`domain::pro::venue::VENUE_TYPES`): "Lieu
/// numérique" for the virtual venue, "Autre" for a code the list lacks.
pub fn venue_type(locale: Locale, code: &str) -> &'static str {
    match code {
        "CINEMA" => td_string!(locale, venues.type_cinema),
        "LIBRAIRIE" => td_string!(locale, venues.type_librairie),
        "SALLE_SPECTACLE" => td_string!(locale, venues.type_salle_spectacle),
        "SALLE_CONCERT" => td_string!(locale, venues.type_salle_concert),
        "MUSEE" => td_string!(locale, venues.type_musee),
        "ECOLE_ART" => td_string!(locale, venues.type_ecole_art),
        "BIBLIOTHEQUE" => td_string!(locale, venues.type_bibliotheque),
        "MAGASIN_INSTRUMENTS" => td_string!(locale, venues.type_magasin_instruments),
        "DISQUAIRE" => td_string!(locale, venues.type_disquaire),
        "ATELIER_METIERS_ART" => td_string!(locale, venues.type_atelier_metiers_art),
        "FESTIVAL" => td_string!(locale, venues.type_festival),
        domain::pro::venue::VIRTUAL_VENUE_TYPE => td_string!(locale, venues.type_numerique),
        _ => td_string!(locale, venues.type_autre),
    }
}

/// The reimbursement tiers in one sentence (`domain::reimbursement::SUMMARY`).
pub fn tiers(locale: Locale) -> &'static str {
    td_string!(locale, statement.tiers)
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::pro::venue::{VENUE_TYPES, VIRTUAL_VENUE_TYPE, venue_type_label};

    #[test]
    fn french_says_the_domain_s_own_labels_and_english_names_every_one() {
        for status in StructureStatus::ALL {
            assert_eq!(structure_status(Locale::fr, status), status.label());
            assert_ne!(structure_status(Locale::en, status), status.label());
        }
        for role in MemberRole::ALL {
            assert_eq!(member_role(Locale::fr, role), role.label());
            assert_ne!(member_role(Locale::en, role), role.label());
        }
        for status in [
            BookingStatus::Confirmed,
            BookingStatus::Used,
            BookingStatus::Cancelled,
            BookingStatus::Reimbursed,
        ] {
            assert_eq!(booking_status(Locale::fr, status), status.label());
            assert_ne!(booking_status(Locale::en, status), status.label());
        }
        for status in BankStatus::ALL {
            assert_eq!(bank_status(Locale::fr, status), status.label());
            assert_ne!(bank_status(Locale::en, status), status.label());
        }
        for cause in ReviewCause::ALL {
            assert_eq!(review_cause(Locale::fr, cause), cause.label());
            assert_ne!(review_cause(Locale::en, cause), cause.label());
        }
        for (code, label) in VENUE_TYPES {
            assert_eq!(venue_type(Locale::fr, code), *label, "{code}");
            assert_ne!(venue_type(Locale::en, code), "", "{code}");
        }
        for code in [VIRTUAL_VENUE_TYPE, "OLD_ONE"] {
            assert_eq!(venue_type(Locale::fr, code), venue_type_label(code));
        }
        assert_eq!(venue_type(Locale::en, "LIBRAIRIE"), "Bookshop");
        assert_eq!(tiers(Locale::fr), domain::reimbursement::SUMMARY);
        assert_ne!(tiers(Locale::en), domain::reimbursement::SUMMARY);
    }
}
