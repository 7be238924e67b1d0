//! Distances on the Earth, for "near me" and for telling how far an offer is.

use serde::{Deserialize, Serialize};

/// A WGS84 position.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Position {
    pub latitude: f64,
    pub longitude: f64,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PositionError {
    #[error("La latitude doit être comprise entre -90 et 90")]
    Latitude,
    #[error("La longitude doit être comprise entre -180 et 180")]
    Longitude,
}

const EARTH_RADIUS_KM: f64 = 6371.0;

impl Position {
    pub fn parse(latitude: f64, longitude: f64) -> Result<Self, PositionError> {
        if !(-90.0..=90.0).contains(&latitude) {
            return Err(PositionError::Latitude);
        }
        if !(-180.0..=180.0).contains(&longitude) {
            return Err(PositionError::Longitude);
        }
        Ok(Position {
            latitude,
            longitude,
        })
    }

    /// Great-circle distance in kilometres (haversine).
    pub fn distance_km(self, other: Position) -> f64 {
        let (lat1, lat2) = (self.latitude.to_radians(), other.latitude.to_radians());
        let dlat = lat2 - lat1;
        let dlon = (other.longitude - self.longitude).to_radians();
        let a = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
        2.0 * EARTH_RADIUS_KM * a.sqrt().asin()
    }

    /// A latitude/longitude box containing every point within `radius_km`: what an index
    /// can answer before the exact distance is computed.
    pub fn bounding_box(self, radius_km: f64) -> BoundingBox {
        let dlat = (radius_km / EARTH_RADIUS_KM).to_degrees();
        let cos = self.latitude.to_radians().cos().max(0.01);
        let dlon = (dlat / cos).min(180.0);
        BoundingBox {
            south: (self.latitude - dlat).max(-90.0),
            north: (self.latitude + dlat).min(90.0),
            west: self.longitude - dlon,
            east: self.longitude + dlon,
        }
    }
}

/// A rectangle of latitudes and longitudes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BoundingBox {
    pub south: f64,
    pub north: f64,
    pub west: f64,
    pub east: f64,
}

/// A named place the app can be centred on without geolocation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Place {
    pub key: &'static str,
    pub name: &'static str,
    pub departement: &'static str,
    pub latitude: f64,
    pub longitude: f64,
}

impl Place {
    pub fn position(&self) -> Position {
        Position {
            latitude: self.latitude,
            longitude: self.longitude,
        }
    }
}

/// The towns of the five départements of the 2018 experiment (Bas-Rhin, Guyane, Hérault,
/// Seine-Saint-Denis, Finistère).
#[rustfmt::skip]
pub const PLACES: &[Place] = &[
    Place { key: "strasbourg", name: "Strasbourg", departement: "67", latitude: 48.5734, longitude: 7.7521 },
    Place { key: "cayenne", name: "Cayenne", departement: "973", latitude: 4.9372, longitude: -52.3260 },
    Place { key: "montpellier", name: "Montpellier", departement: "34", latitude: 43.6108, longitude: 3.8767 },
    Place { key: "saint-denis", name: "Saint-Denis", departement: "93", latitude: 48.9362, longitude: 2.3574 },
    Place { key: "montreuil", name: "Montreuil", departement: "93", latitude: 48.8638, longitude: 2.4485 },
    Place { key: "brest", name: "Brest", departement: "29", latitude: 48.3904, longitude: -4.4861 },
    Place { key: "quimper", name: "Quimper", departement: "29", latitude: 47.9960, longitude: -4.1024 },
];

/// A place by its key (`strasbourg`, `cayenne`, ...).
pub fn place(key: &str) -> Option<&'static Place> {
    PLACES.iter().find(|p| p.key == key)
}

/// The IANA time zone of a venue, from its postal code: overseas départements are not
/// on Paris time (a Cayenne cinema's 20:00 is 00:00 in Paris).
pub fn time_zone_of_postal_code(postal_code: &str) -> &'static str {
    match postal_code.get(..3) {
        Some("971") => "America/Guadeloupe",
        Some("972") => "America/Martinique",
        Some("973") => "America/Cayenne",
        Some("974") => "Indian/Reunion",
        Some("976") => "Indian/Mayotte",
        _ => "Europe/Paris",
    }
}

/// Human-readable distance: "350 m", "4,2 km", "87 km".
pub fn format_distance(km: f64) -> String {
    if km < 1.0 {
        format!("{} m", (km * 1000.0 / 10.0).round() * 10.0)
    } else if km < 10.0 {
        format!("{:.1} km", km).replace('.', ",")
    } else {
        format!("{} km", km.round())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strasbourg_to_brest_is_about_870_km() {
        let strasbourg = Position::parse(48.5734, 7.7521).expect("valid");
        let brest = Position::parse(48.3904, -4.4861).expect("valid");
        let d = strasbourg.distance_km(brest);
        assert!((d - 900.0).abs() < 40.0, "{d}");
    }

    #[test]
    fn out_of_range_coordinates_are_refused() {
        assert_eq!(Position::parse(91.0, 0.0), Err(PositionError::Latitude));
        assert_eq!(Position::parse(0.0, -181.0), Err(PositionError::Longitude));
        assert!(Position::parse(f64::NAN, 0.0).is_err());
    }

    #[test]
    fn the_bounding_box_contains_the_circle() {
        let p = Position::parse(43.6108, 3.8767).expect("valid");
        let b = p.bounding_box(10.0);
        let north = Position::parse(b.north, p.longitude).expect("valid");
        let east = Position::parse(p.latitude, b.east).expect("valid");
        assert!(p.distance_km(north) >= 9.99);
        assert!(p.distance_km(east) >= 9.99);
    }

    #[test]
    fn cayenne_venues_are_on_guiana_time_and_strasbourg_on_paris_time() {
        assert_eq!(time_zone_of_postal_code("97300"), "America/Cayenne");
        assert_eq!(time_zone_of_postal_code("67000"), "Europe/Paris");
        assert_eq!(time_zone_of_postal_code(""), "Europe/Paris");
    }

    #[test]
    fn the_five_departements_of_the_experiment_have_places() {
        let mut departements: Vec<_> = PLACES.iter().map(|p| p.departement).collect();
        departements.dedup();
        assert_eq!(departements.len(), 5);
        assert!(place("cayenne").is_some());
        assert!(place("paris").is_none());
    }

    #[test]
    fn distances_read_naturally() {
        assert_eq!(format_distance(0.348), "350 m");
        assert_eq!(format_distance(4.23), "4,2 km");
        assert_eq!(format_distance(86.6), "87 km");
    }
}
