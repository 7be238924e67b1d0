//! The subcategory catalogue: what kind of thing an offer is, and what follows from it
//! (event or thing, duo allowed, expiry of uncollected goods, which credit cap applies,
//! how the partner is reimbursed, whether a minor may book it when it is paid).
//!
//! It is reference data shipped with the code, like the real pass Culture's
//! `subcategories_v2`: offers store the subcategory id, and every rule reads its flags here.

use serde::{Deserialize, Serialize};

/// Which part of the credit an offer draws on, besides the total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CapKind {
    /// Online offers in a digital subcategory.
    Digital,
    /// Physical goods (books, records, instruments).
    Physical,
}

impl CapKind {
    /// The code a booking stores.
    pub fn code(self) -> &'static str {
        match self {
            CapKind::Digital => "digital",
            CapKind::Physical => "physical",
        }
    }

    pub fn from_code(code: &str) -> Option<CapKind> {
        [CapKind::Digital, CapKind::Physical]
            .into_iter()
            .find(|cap| cap.code() == code)
    }
}

/// Where an offer of this subcategory takes place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Platform {
    Online,
    Offline,
}

/// How a used booking is paid back to the partner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReimbursementRule {
    Standard,
    Book,
    NotReimbursed,
}

/// The ~14 groups a young person browses by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SearchGroup {
    Cinema,
    Livres,
    ConcertsFestivals,
    Spectacles,
    MuseesVisites,
    PratiqueArtistique,
    Instruments,
    Musique,
    MediasPresse,
    Conferences,
    FilmsSeries,
    Jeux,
    CartesJeunes,
    MetiersArt,
}

impl SearchGroup {
    pub const ALL: [SearchGroup; 14] = [
        SearchGroup::Cinema,
        SearchGroup::Livres,
        SearchGroup::ConcertsFestivals,
        SearchGroup::Spectacles,
        SearchGroup::MuseesVisites,
        SearchGroup::PratiqueArtistique,
        SearchGroup::Instruments,
        SearchGroup::Musique,
        SearchGroup::MediasPresse,
        SearchGroup::Conferences,
        SearchGroup::FilmsSeries,
        SearchGroup::Jeux,
        SearchGroup::CartesJeunes,
        SearchGroup::MetiersArt,
    ];

    /// The stable key of the group, in URLs and in the search index.
    pub fn key(self) -> &'static str {
        match self {
            SearchGroup::Cinema => "cinema",
            SearchGroup::Livres => "livres",
            SearchGroup::ConcertsFestivals => "concerts-festivals",
            SearchGroup::Spectacles => "spectacles",
            SearchGroup::MuseesVisites => "musees-visites",
            SearchGroup::PratiqueArtistique => "pratique-artistique",
            SearchGroup::Instruments => "instruments",
            SearchGroup::Musique => "musique",
            SearchGroup::MediasPresse => "medias-presse",
            SearchGroup::Conferences => "conferences",
            SearchGroup::FilmsSeries => "films-series",
            SearchGroup::Jeux => "jeux",
            SearchGroup::CartesJeunes => "cartes-jeunes",
            SearchGroup::MetiersArt => "metiers-art",
        }
    }

    /// A group by its key.
    pub fn from_key(key: &str) -> Option<SearchGroup> {
        SearchGroup::ALL
            .into_iter()
            .find(|group| group.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            SearchGroup::Cinema => "Cinéma",
            SearchGroup::Livres => "Livres",
            SearchGroup::ConcertsFestivals => "Concerts & festivals",
            SearchGroup::Spectacles => "Spectacles",
            SearchGroup::MuseesVisites => "Musées & visites",
            SearchGroup::PratiqueArtistique => "Pratique artistique",
            SearchGroup::Instruments => "Instruments",
            SearchGroup::Musique => "CD, vinyles, musique en ligne",
            SearchGroup::MediasPresse => "Médias & presse",
            SearchGroup::Conferences => "Conférences & rencontres",
            SearchGroup::FilmsSeries => "Films, séries",
            SearchGroup::Jeux => "Jeux",
            SearchGroup::CartesJeunes => "Cartes jeunes",
            SearchGroup::MetiersArt => "Métiers d'art",
        }
    }
}

/// One subcategory and its flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Subcategory {
    pub id: &'static str,
    pub label: &'static str,
    pub group: SearchGroup,
    pub is_event: bool,
    pub can_be_duo: bool,
    /// Uncollected bookings of things expire (30 days, paper books 10).
    pub can_expire: bool,
    pub platform: Platform,
    pub cap: Option<CapKind>,
    pub reimbursement: ReimbursementRule,
    /// A minor may book it when it is not free.
    pub minors_can_book_paid: bool,
}

const fn sub(
    id: &'static str,
    label: &'static str,
    group: SearchGroup,
    flags: (bool, bool, bool),
    platform: Platform,
    cap: Option<CapKind>,
    (reimbursement, minors_can_book_paid): (ReimbursementRule, bool),
) -> Subcategory {
    let (is_event, can_be_duo, can_expire) = flags;
    Subcategory {
        id,
        label,
        group,
        is_event,
        can_be_duo,
        can_expire,
        platform,
        cap,
        reimbursement,
        minors_can_book_paid,
    }
}

use CapKind::{Digital, Physical};
use Platform::{Offline, Online};
use ReimbursementRule::{Book, NotReimbursed, Standard};
use SearchGroup as G;

/// Flags as (is_event, can_be_duo, can_expire).
const EVENT_DUO: (bool, bool, bool) = (true, true, false);
const EVENT_SOLO: (bool, bool, bool) = (true, false, false);
const THING: (bool, bool, bool) = (false, false, false);
const THING_DUO: (bool, bool, bool) = (false, true, false);
const THING_EXPIRES: (bool, bool, bool) = (false, false, true);

/// The main subcategories of PRODUCT.md.
#[rustfmt::skip]
pub static SUBCATEGORIES: &[Subcategory] = &[
    sub("SEANCE_CINE", "Séance de cinéma", G::Cinema, EVENT_DUO, Offline, None, (Standard, true)),
    sub("CARTE_CINE_MULTISEANCES", "Carte cinéma multi-séances", G::Cinema, THING_EXPIRES, Offline, None, (Standard, true)),
    sub("LIVRE_PAPIER", "Livre papier", G::Livres, THING_EXPIRES, Offline, Some(Physical), (Book, true)),
    sub("LIVRE_NUMERIQUE", "Livre numérique", G::Livres, THING, Online, Some(Digital), (Book, true)),
    sub("CONCERT", "Concert", G::ConcertsFestivals, EVENT_DUO, Offline, None, (Standard, true)),
    sub("FESTIVAL_MUSIQUE", "Festival de musique", G::ConcertsFestivals, EVENT_DUO, Offline, None, (Standard, true)),
    sub("SPECTACLE_REPRESENTATION", "Spectacle, représentation", G::Spectacles, EVENT_DUO, Offline, None, (Standard, true)),
    sub("VISITE", "Visite", G::MuseesVisites, THING_DUO, Offline, None, (Standard, true)),
    sub("VISITE_GUIDEE", "Visite guidée", G::MuseesVisites, EVENT_DUO, Offline, None, (Standard, true)),
    sub("CARTE_MUSEE", "Abonnement musée, carte", G::MuseesVisites, (false, true, true), Offline, None, (Standard, true)),
    sub("CONFERENCE", "Conférence", G::Conferences, EVENT_DUO, Offline, None, (Standard, true)),
    sub("ATELIER_PRATIQUE_ART", "Atelier, stage de pratique artistique", G::PratiqueArtistique, EVENT_DUO, Offline, None, (Standard, true)),
    sub("SUPPORT_PHYSIQUE_MUSIQUE", "CD, vinyle", G::Musique, THING_EXPIRES, Offline, Some(Physical), (Standard, true)),
    sub("ACHAT_INSTRUMENT", "Achat d'instrument", G::Instruments, THING_EXPIRES, Offline, Some(Physical), (Standard, true)),
    sub("ABO_PRESSE_EN_LIGNE", "Abonnement presse en ligne", G::MediasPresse, THING, Online, Some(Digital), (NotReimbursed, true)),
    sub("DECOUVERTE_METIERS", "Découverte des métiers d'art", G::MetiersArt, EVENT_SOLO, Offline, None, (Standard, true)),
    sub("VOD", "Vidéo à la demande", G::FilmsSeries, THING, Online, Some(Digital), (NotReimbursed, false)),
    sub("ABO_PLATEFORME_MUSIQUE", "Abonnement plateforme musicale", G::Musique, THING, Online, Some(Digital), (NotReimbursed, false)),
    sub("JEU_EN_LIGNE", "Jeu en ligne", G::Jeux, THING, Online, Some(Digital), (NotReimbursed, false)),
];

/// Looks a subcategory up by its id (`SEANCE_CINE`, ...).
pub fn subcategory(id: &str) -> Option<&'static Subcategory> {
    SUBCATEGORIES.iter().find(|s| s.id == id)
}

/// When the booking of an uncollected thing of the subcategory `id`, made at
/// `booked_at`, expires, if such things expire.
pub fn uncollected_expiry(
    id: &str,
    booked_at: chrono::DateTime<chrono::Utc>,
) -> Option<chrono::DateTime<chrono::Utc>> {
    let days = subcategory(id)?.expiry_days()?;
    Some(booked_at + chrono::Duration::days(days))
}

/// The shortest and the longest delays, in days, after which uncollected things expire:
/// the window the scheduler looks in.
pub fn expiry_days_bounds() -> (i64, i64) {
    let days = || SUBCATEGORIES.iter().filter_map(|s| s.expiry_days());
    (days().min().unwrap_or(10), days().max().unwrap_or(30))
}

impl Subcategory {
    /// The cap an offer of this subcategory draws on. The digital cap needs both a digital
    /// subcategory and an online offer (one with a URL); the physical cap, physical goods.
    pub fn applicable_cap(&self, offer_is_online: bool) -> Option<CapKind> {
        match self.cap {
            Some(CapKind::Digital) if offer_is_online => Some(CapKind::Digital),
            Some(CapKind::Physical) if !offer_is_online => Some(CapKind::Physical),
            _ => None,
        }
    }

    /// Days after booking after which an uncollected thing expires with credit back.
    pub fn expiry_days(&self) -> Option<i64> {
        match (self.can_expire, self.id) {
            (false, _) => None,
            (true, "LIVRE_PAPIER") => Some(10),
            (true, _) => Some(30),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_main_subcategory_of_the_product_is_in_the_catalogue() {
        for id in [
            "SEANCE_CINE",
            "CARTE_CINE_MULTISEANCES",
            "LIVRE_PAPIER",
            "LIVRE_NUMERIQUE",
            "CONCERT",
            "FESTIVAL_MUSIQUE",
            "SPECTACLE_REPRESENTATION",
            "VISITE",
            "VISITE_GUIDEE",
            "CARTE_MUSEE",
            "CONFERENCE",
            "ATELIER_PRATIQUE_ART",
            "SUPPORT_PHYSIQUE_MUSIQUE",
            "ACHAT_INSTRUMENT",
            "ABO_PRESSE_EN_LIGNE",
            "DECOUVERTE_METIERS",
            "VOD",
            "ABO_PLATEFORME_MUSIQUE",
            "JEU_EN_LIGNE",
        ] {
            assert!(subcategory(id).is_some(), "{id} missing");
        }
        assert!(subcategory("NOPE").is_none());
    }

    #[test]
    fn the_digital_cap_needs_an_online_offer_in_a_digital_subcategory() {
        let ebook = subcategory("LIVRE_NUMERIQUE").expect("known");
        assert_eq!(ebook.applicable_cap(true), Some(CapKind::Digital));
        assert_eq!(ebook.applicable_cap(false), None);
        let cinema = subcategory("SEANCE_CINE").expect("known");
        assert_eq!(cinema.applicable_cap(true), None);
    }

    #[test]
    fn physical_goods_draw_on_the_physical_cap() {
        let book = subcategory("LIVRE_PAPIER").expect("known");
        assert_eq!(book.applicable_cap(false), Some(CapKind::Physical));
    }

    #[test]
    fn uncollected_paper_books_expire_after_10_days_and_other_things_after_30() {
        assert_eq!(
            subcategory("LIVRE_PAPIER").and_then(|s| s.expiry_days()),
            Some(10)
        );
        assert_eq!(
            subcategory("ACHAT_INSTRUMENT").and_then(|s| s.expiry_days()),
            Some(30)
        );
        assert_eq!(
            subcategory("SEANCE_CINE").and_then(|s| s.expiry_days()),
            None
        );
    }

    #[test]
    fn ids_are_unique() {
        let mut ids: Vec<_> = SUBCATEGORIES.iter().map(|s| s.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), SUBCATEGORIES.len());
    }
}

/// The four accessibility flags of offers and venues.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Accessibility {
    pub audio: bool,
    pub mental: bool,
    pub motor: bool,
    pub visual: bool,
}
