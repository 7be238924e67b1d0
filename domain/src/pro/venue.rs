//! A venue as the partner declares it: identified by a SIRET, or without one for a
//! stated reason (a library run by a town, a festival's temporary stage), placed on the
//! map, or virtual for digital offers.

use super::{FieldError, FieldRefusal, optional_line, optional_text, refuse, required_text};
use crate::catalogue::Accessibility;
use crate::geo::Position;
use crate::identifiers::Siret;
use crate::text::Email;

/// The kinds of venue partners choose from (stored code, label).
pub const VENUE_TYPES: &[(&str, &str)] = &[
    ("CINEMA", "Cinéma"),
    ("LIBRAIRIE", "Librairie"),
    ("SALLE_SPECTACLE", "Théâtre, salle de spectacle"),
    ("SALLE_CONCERT", "Salle de concert"),
    ("MUSEE", "Musée, lieu d'exposition"),
    ("ECOLE_ART", "École d'art, de danse, de musique"),
    ("BIBLIOTHEQUE", "Bibliothèque, médiathèque"),
    ("MAGASIN_INSTRUMENTS", "Magasin d'instruments"),
    ("DISQUAIRE", "Disquaire"),
    ("ATELIER_METIERS_ART", "Atelier des métiers d'art"),
    ("FESTIVAL", "Festival"),
    ("AUTRE", "Autre"),
];

/// The stored code of the virtual venue that carries a structure's digital offers.
pub const VIRTUAL_VENUE_TYPE: &str = "NUMERIQUE";

pub fn venue_type_label(code: &str) -> &'static str {
    VENUE_TYPES.iter().find(|(c, _)| *c == code).map_or(
        if code == VIRTUAL_VENUE_TYPE {
            "Lieu numérique"
        } else {
            "Autre"
        },
        |(_, l)| l,
    )
}

/// The venue form, as typed.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct VenueForm {
    pub name: String,
    pub siret: String,
    /// Why there is no SIRET (required when `siret` is empty).
    pub no_siret_reason: String,
    pub venue_type: String,
    pub address: String,
    pub postal_code: String,
    pub city: String,
    pub latitude: String,
    pub longitude: String,
    pub withdrawal_details: String,
    pub contact_email: String,
    pub accessibility: Accessibility,
}

/// A checked physical venue.
#[derive(Debug, Clone, PartialEq)]
pub struct VenueDraft {
    pub name: String,
    pub siret: Option<Siret>,
    pub no_siret_reason: Option<String>,
    pub venue_type: &'static str,
    pub address: String,
    pub postal_code: String,
    pub city: String,
    pub position: Position,
    pub withdrawal_details: Option<String>,
    pub contact_email: Option<Email>,
    pub accessibility: Accessibility,
}

fn coordinate(field: &str, text: &str) -> Result<f64, FieldError> {
    text.trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| refuse(field, FieldRefusal::Coordinates))
}

impl VenueForm {
    pub fn parse(&self) -> Result<VenueDraft, FieldError> {
        let name = required_text("name", &self.name, 120)?;
        let (siret, no_siret_reason) = if self.siret.trim().is_empty() {
            let reason = optional_text("no_siret_reason", &self.no_siret_reason, 500)?
                .filter(|r| r.chars().count() >= 10)
                .ok_or_else(|| refuse("no_siret_reason", FieldRefusal::NoSiretReason))?;
            (None, Some(reason))
        } else {
            let siret = Siret::parse(&self.siret)
                .map_err(|e| refuse("siret", FieldRefusal::Identifier(e)))?;
            (Some(siret), None)
        };
        let venue_type = VENUE_TYPES
            .iter()
            .find(|(code, _)| *code == self.venue_type)
            .map(|(code, _)| *code)
            .ok_or_else(|| refuse("venue_type", FieldRefusal::VenueType))?;
        let address = required_text("address", &self.address, 200)?;
        let postal_code = self.postal_code.trim();
        if postal_code.len() != 5 || !postal_code.chars().all(|c| c.is_ascii_digit()) {
            return Err(refuse("postal_code", FieldRefusal::PostalCode));
        }
        let city = required_text("city", &self.city, 100)?;
        let position = Position::parse(
            coordinate("latitude", &self.latitude)?,
            coordinate("longitude", &self.longitude)?,
        )
        .map_err(|e| refuse("latitude", FieldRefusal::from(e)))?;
        let contact_email = match optional_line("contact_email", &self.contact_email, 200)? {
            Some(email) => Some(
                Email::parse(&email).map_err(|e| refuse("contact_email", FieldRefusal::Text(e)))?,
            ),
            None => None,
        };
        Ok(VenueDraft {
            name,
            siret,
            no_siret_reason,
            venue_type,
            address,
            postal_code: postal_code.to_owned(),
            city,
            position,
            withdrawal_details: optional_text("withdrawal_details", &self.withdrawal_details, 500)?,
            contact_email,
            accessibility: self.accessibility,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> VenueForm {
        VenueForm {
            name: "Cinéma Le Palace".into(),
            siret: "732 829 320 00074".into(),
            venue_type: "CINEMA".into(),
            address: "12 rue des Arts".into(),
            postal_code: "67000".into(),
            city: "Strasbourg".into(),
            latitude: "48,5839".into(),
            longitude: "7.7455".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_venue_with_a_valid_siret_and_a_pin_is_accepted() {
        let venue = form().parse().expect("valid");
        assert_eq!(
            venue.siret.map(|s| s.as_str().to_owned()),
            Some("73282932000074".into())
        );
        assert_eq!(venue.position.latitude, 48.5839);
    }

    #[test]
    fn a_siret_with_a_wrong_check_digit_is_refused_on_its_field() {
        let error = VenueForm {
            siret: "73282932000075".into(),
            ..form()
        }
        .parse()
        .expect_err("bad");
        assert_eq!(error.field, "siret");
    }

    #[test]
    fn a_venue_without_siret_needs_a_reason() {
        let no_siret = VenueForm {
            siret: String::new(),
            ..form()
        };
        assert_eq!(
            no_siret.parse().expect_err("no reason").field,
            "no_siret_reason"
        );
        let with_reason = VenueForm {
            no_siret_reason: "Médiathèque municipale, SIRET de la mairie".into(),
            ..no_siret
        };
        assert!(with_reason.parse().expect("valid").siret.is_none());
    }

    #[test]
    fn a_venue_must_be_placed_on_the_earth() {
        let error = VenueForm {
            latitude: "".into(),
            ..form()
        }
        .parse()
        .expect_err("no pin");
        assert_eq!(error.field, "latitude");
        let error = VenueForm {
            latitude: "123".into(),
            ..form()
        }
        .parse()
        .expect_err("off");
        assert_eq!(error.field, "latitude");
    }

    #[test]
    fn unknown_types_bad_postal_codes_and_bad_emails_are_refused() {
        let field = |f: VenueForm| f.parse().expect_err("bad").field;
        assert_eq!(
            field(VenueForm {
                venue_type: "CASINO".into(),
                ..form()
            }),
            "venue_type"
        );
        assert_eq!(
            field(VenueForm {
                postal_code: "6700".into(),
                ..form()
            }),
            "postal_code"
        );
        assert_eq!(
            field(VenueForm {
                contact_email: "nope".into(),
                ..form()
            }),
            "contact_email"
        );
        assert_eq!(
            field(VenueForm {
                name: "  ".into(),
                ..form()
            }),
            "name"
        );
    }
}
