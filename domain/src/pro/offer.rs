//! An offer as the partner writes it. The form adapts to the subcategory: an event gets
//! price categories and dates, a thing a price and a quantity; an online subcategory
//! needs a URL and the structure's virtual venue, a physical one a real venue; duo only
//! where the subcategory allows it.

use super::{FieldError, FieldRefusal, optional_line, optional_text, refuse};
use crate::catalogue::{Accessibility, Platform, Subcategory, subcategory};
use crate::text::{Email, OfferTitle};
use chrono::NaiveDate;

pub const MAX_DESCRIPTION_CHARS: usize = 10_000;

/// The offer form, as typed.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct OfferForm {
    pub subcategory: String,
    pub title: String,
    pub description: String,
    pub artist: String,
    pub url: String,
    pub is_duo: bool,
    pub withdrawal_details: String,
    pub booking_contact: String,
    /// `AAAA-MM-JJ`, empty: as soon as it is published.
    pub publication_date: String,
    pub accessibility: Accessibility,
}

/// A checked offer.
#[derive(Debug, Clone, PartialEq)]
pub struct OfferDraft {
    pub subcategory: &'static Subcategory,
    pub title: OfferTitle,
    pub description: String,
    pub artist: Option<String>,
    pub url: Option<String>,
    pub is_duo: bool,
    pub withdrawal_details: Option<String>,
    pub booking_contact: Option<Email>,
    pub publication_date: Option<NaiveDate>,
    pub accessibility: Accessibility,
}

/// Where the offer would be given: what the chosen venue is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VenueKind {
    Physical,
    Virtual,
}

fn is_web_url(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    rest.is_some_and(|rest| {
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        host.contains('.') && !host.starts_with('.') && !url.chars().any(char::is_whitespace)
    })
}

impl OfferForm {
    pub fn parse(&self, venue: VenueKind, today: NaiveDate) -> Result<OfferDraft, FieldError> {
        let subcategory = subcategory(self.subcategory.trim())
            .ok_or_else(|| refuse("subcategory", FieldRefusal::Category))?;
        let title =
            OfferTitle::parse(&self.title).map_err(|e| refuse("title", FieldRefusal::Text(e)))?;
        let description = optional_text("description", &self.description, MAX_DESCRIPTION_CHARS)?
            .unwrap_or_default();
        let online = subcategory.platform == Platform::Online;
        let url = optional_line("url", &self.url, 500)?;
        let url = match (online, url) {
            (true, Some(url)) if is_web_url(&url) => Some(url),
            (true, Some(_)) => return Err(refuse("url", FieldRefusal::InvalidUrl)),
            (true, None) => {
                return Err(refuse("url", FieldRefusal::UrlNeeded));
            }
            (false, Some(_)) => {
                return Err(refuse("url", FieldRefusal::NoUrlOnSite));
            }
            (false, None) => None,
        };
        match (online, venue) {
            (true, VenueKind::Physical) => {
                return Err(refuse("venue_id", FieldRefusal::DigitalVenue));
            }
            (false, VenueKind::Virtual) => {
                return Err(refuse("venue_id", FieldRefusal::PhysicalVenue));
            }
            _ => {}
        }
        if self.is_duo && !subcategory.can_be_duo {
            return Err(refuse("is_duo", FieldRefusal::NoDuo));
        }
        let booking_contact = match optional_line("booking_contact", &self.booking_contact, 200)? {
            Some(email) => Some(
                Email::parse(&email)
                    .map_err(|e| refuse("booking_contact", FieldRefusal::Text(e)))?,
            ),
            None => None,
        };
        let publication_date =
            super::parse_optional_day("publication_date", &self.publication_date)?;
        if publication_date.is_some_and(|day| day < today) {
            return Err(refuse("publication_date", FieldRefusal::PublicationPast));
        }
        Ok(OfferDraft {
            subcategory,
            title,
            description,
            artist: optional_line("artist", &self.artist, 200)?,
            url,
            is_duo: self.is_duo,
            withdrawal_details: optional_text("withdrawal_details", &self.withdrawal_details, 500)?,
            booking_contact,
            publication_date,
            accessibility: self.accessibility,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).expect("date")
    }

    fn concert() -> OfferForm {
        OfferForm {
            subcategory: "CONCERT".into(),
            title: "Les Nuits du Jazz".into(),
            is_duo: true,
            ..Default::default()
        }
    }

    #[test]
    fn an_event_at_a_physical_venue_may_be_duo() {
        let draft = concert()
            .parse(VenueKind::Physical, today())
            .expect("valid");
        assert!(draft.is_duo && draft.subcategory.is_event);
    }

    #[test]
    fn duo_is_refused_where_the_subcategory_forbids_it() {
        let form = OfferForm {
            subcategory: "LIVRE_PAPIER".into(),
            ..concert()
        };
        assert_eq!(
            form.parse(VenueKind::Physical, today())
                .expect_err("duo")
                .field,
            "is_duo"
        );
    }

    #[test]
    fn a_digital_offer_needs_a_web_address_and_the_virtual_venue() {
        let vod = OfferForm {
            subcategory: "VOD".into(),
            title: "Film".into(),
            ..Default::default()
        };
        assert_eq!(
            vod.parse(VenueKind::Virtual, today())
                .expect_err("url")
                .field,
            "url"
        );
        let with_url = OfferForm {
            url: "https://vod.example.fr/film".into(),
            ..vod.clone()
        };
        assert!(with_url.parse(VenueKind::Virtual, today()).is_ok());
        assert_eq!(
            with_url
                .parse(VenueKind::Physical, today())
                .expect_err("venue")
                .field,
            "venue_id"
        );
        let bad = OfferForm {
            url: "javascript:alert(1)".into(),
            ..vod
        };
        assert_eq!(
            bad.parse(VenueKind::Virtual, today())
                .expect_err("url")
                .field,
            "url"
        );
    }

    #[test]
    fn a_physical_offer_has_no_web_address_and_no_virtual_venue() {
        let form = OfferForm {
            url: "https://x.fr".into(),
            ..concert()
        };
        assert_eq!(
            form.parse(VenueKind::Physical, today())
                .expect_err("url")
                .field,
            "url"
        );
        assert_eq!(
            concert()
                .parse(VenueKind::Virtual, today())
                .expect_err("venue")
                .field,
            "venue_id"
        );
    }

    #[test]
    fn titles_over_90_characters_and_unknown_subcategories_are_refused() {
        let long = OfferForm {
            title: "x".repeat(91),
            ..concert()
        };
        assert_eq!(
            long.parse(VenueKind::Physical, today())
                .expect_err("long")
                .field,
            "title"
        );
        let unknown = OfferForm {
            subcategory: "CASINO".into(),
            ..concert()
        };
        assert_eq!(
            unknown
                .parse(VenueKind::Physical, today())
                .expect_err("sub")
                .field,
            "subcategory"
        );
    }

    #[test]
    fn a_publication_date_cannot_be_in_the_past() {
        let past = OfferForm {
            publication_date: "2026-11-25".into(),
            ..concert()
        };
        assert_eq!(
            past.parse(VenueKind::Physical, today())
                .expect_err("past")
                .field,
            "publication_date"
        );
        let later = OfferForm {
            publication_date: "2026-12-01".into(),
            ..concert()
        };
        assert!(
            later
                .parse(VenueKind::Physical, today())
                .expect("ok")
                .publication_date
                .is_some()
        );
    }
}
