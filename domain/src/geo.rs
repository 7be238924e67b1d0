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
        Some("975") => "America/Miquelon",
        Some("976") => "Indian/Mayotte",
        _ => "Europe/Paris",
    }
}

/// The IANA time zone at a position (a device's): the zone of the nearest town of the
/// gazetteer, which has one in each overseas département, hundreds of kilometres from
/// any other zone's.
pub fn time_zone_at(position: Position) -> &'static str {
    COMMUNES
        .iter()
        .min_by(|a, b| {
            let (a, b) = (
                position.distance_km(a.position()),
                position.distance_km(b.position()),
            );
            a.total_cmp(&b)
        })
        .map_or("Europe/Paris", |c| time_zone_of_postal_code(c.postal_code))
}

/// Human-readable distance: "350 m", "4,2 km", "87 km", with `decimal_separator` between
/// the kilometres and their tenths (the language's: `,` in French, `.` in English).
pub fn format_distance(km: f64, decimal_separator: char) -> String {
    if km < 1.0 {
        format!("{} m", (km * 1000.0 / 10.0).round() * 10.0)
    } else if km < 10.0 {
        format!("{:.1} km", km).replace('.', decimal_separator.encode_utf8(&mut [0; 4]))
    } else {
        format!("{} km", km.round())
    }
}

/// A town of the small gazetteer the map falls back on when the device gives no
/// position: the prefectures and large towns of France, found by name or postal code.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Commune {
    pub name: &'static str,
    pub postal_code: &'static str,
    pub latitude: f64,
    pub longitude: f64,
}

impl Commune {
    pub fn position(&self) -> Position {
        Position {
            latitude: self.latitude,
            longitude: self.longitude,
        }
    }
}

const fn commune(
    name: &'static str,
    postal_code: &'static str,
    latitude: f64,
    longitude: f64,
) -> Commune {
    Commune {
        name,
        postal_code,
        latitude,
        longitude,
    }
}

#[rustfmt::skip]
pub const COMMUNES: &[Commune] = &[
    commune("Paris", "75001", 48.8566, 2.3522),
    commune("Marseille", "13001", 43.2965, 5.3698),
    commune("Lyon", "69001", 45.7640, 4.8357),
    commune("Toulouse", "31000", 43.6047, 1.4442),
    commune("Nice", "06000", 43.7102, 7.2620),
    commune("Nantes", "44000", 47.2184, -1.5536),
    commune("Montpellier", "34000", 43.6108, 3.8767),
    commune("Strasbourg", "67000", 48.5734, 7.7521),
    commune("Bordeaux", "33000", 44.8378, -0.5792),
    commune("Lille", "59000", 50.6292, 3.0573),
    commune("Rennes", "35000", 48.1173, -1.6778),
    commune("Reims", "51100", 49.2583, 4.0317),
    commune("Toulon", "83000", 43.1242, 5.9280),
    commune("Saint-Étienne", "42000", 45.4397, 4.3872),
    commune("Le Havre", "76600", 49.4944, 0.1079),
    commune("Grenoble", "38000", 45.1885, 5.7245),
    commune("Dijon", "21000", 47.3220, 5.0415),
    commune("Angers", "49000", 47.4784, -0.5632),
    commune("Nîmes", "30000", 43.8367, 4.3601),
    commune("Clermont-Ferrand", "63000", 45.7772, 3.0870),
    commune("Le Mans", "72000", 48.0061, 0.1996),
    commune("Aix-en-Provence", "13100", 43.5297, 5.4474),
    commune("Brest", "29200", 48.3904, -4.4861),
    commune("Quimper", "29000", 47.9960, -4.1024),
    commune("Tours", "37000", 47.3941, 0.6848),
    commune("Amiens", "80000", 49.8941, 2.2958),
    commune("Limoges", "87000", 45.8336, 1.2611),
    commune("Perpignan", "66000", 42.6887, 2.8948),
    commune("Metz", "57000", 49.1193, 6.1757),
    commune("Besançon", "25000", 47.2378, 6.0241),
    commune("Orléans", "45000", 47.9030, 1.9093),
    commune("Rouen", "76000", 49.4431, 1.0993),
    commune("Mulhouse", "68100", 47.7508, 7.3359),
    commune("Caen", "14000", 49.1829, -0.3707),
    commune("Nancy", "54000", 48.6921, 6.1844),
    commune("Saint-Denis", "93200", 48.9362, 2.3574),
    commune("Montreuil", "93100", 48.8638, 2.4485),
    commune("Avignon", "84000", 43.9493, 4.8055),
    commune("Poitiers", "86000", 46.5802, 0.3404),
    commune("Pau", "64000", 43.2951, -0.3708),
    commune("Ajaccio", "20000", 41.9192, 8.7386),
    commune("Cayenne", "97300", 4.9372, -52.3260),
    commune("Pointe-à-Pitre", "97110", 16.2411, -61.5331),
    commune("Fort-de-France", "97200", 14.6161, -61.0588),
    commune("Saint-Denis (La Réunion)", "97400", -20.8821, 55.4507),
    commune("Saint-Pierre", "97500", 46.7811, -56.1764),
    commune("Mamoudzou", "97600", -12.7806, 45.2279),
];

/// Lower case, without accents, hyphens and apostrophes as spaces: how names compare.
fn folded(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            '-' | '\'' | '’' => ' ',
            other => other,
        })
        .collect()
}

/// The département of a postal code: two digits, three overseas.
fn departement_of(postal_code: &str) -> Option<&str> {
    let prefix = postal_code.get(..2)?;
    if prefix == "97" {
        postal_code.get(..3)
    } else {
        Some(prefix)
    }
}

/// A commune by name (case and accents ignored, a unique prefix is enough) or postal code
/// (exact, else the main town of its département).
pub fn find_commune(text: &str) -> Option<&'static Commune> {
    let text = text.trim();
    if text.len() == 5 && text.chars().all(|c| c.is_ascii_digit()) {
        return COMMUNES.iter().find(|c| c.postal_code == text).or_else(|| {
            let wanted = departement_of(text)?;
            COMMUNES
                .iter()
                .find(|c| departement_of(c.postal_code) == Some(wanted))
        });
    }
    let wanted = folded(text);
    if wanted.is_empty() {
        return None;
    }
    COMMUNES
        .iter()
        .find(|c| folded(c.name) == wanted)
        .or_else(|| {
            let mut matching = COMMUNES
                .iter()
                .filter(|c| folded(c.name).starts_with(&wanted));
            let first = matching.next()?;
            matching.next().is_none().then_some(first)
        })
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
        assert_eq!(time_zone_of_postal_code("97500"), "America/Miquelon");
    }

    #[test]
    fn a_position_is_on_the_clock_of_its_nearest_town() {
        let at = |latitude, longitude| {
            time_zone_at(Position::parse(latitude, longitude).expect("valid"))
        };
        // Kourou, Basse-Terre, Le Lamentin, Saint-Pierre (La Réunion), Miquelon, Dzaoudzi.
        assert_eq!(at(5.1597, -52.6503), "America/Cayenne");
        assert_eq!(at(15.9985, -61.7255), "America/Guadeloupe");
        assert_eq!(at(14.6136, -60.9994), "America/Martinique");
        assert_eq!(at(-21.3393, 55.4781), "Indian/Reunion");
        assert_eq!(at(47.0975, -56.3814), "America/Miquelon");
        assert_eq!(at(-12.7806, 45.2583), "Indian/Mayotte");
        // Brest, Ajaccio, Lille.
        assert_eq!(at(48.3904, -4.4861), "Europe/Paris");
        assert_eq!(at(41.9192, 8.7386), "Europe/Paris");
        assert_eq!(at(50.6292, 3.0573), "Europe/Paris");
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
        assert_eq!(format_distance(0.348, ','), "350 m");
        assert_eq!(format_distance(4.23, ','), "4,2 km");
        assert_eq!(format_distance(4.23, '.'), "4.2 km");
        assert_eq!(format_distance(86.6, ','), "87 km");
    }

    #[test]
    fn a_commune_is_found_by_its_name_without_accents_or_by_its_postal_code() {
        assert_eq!(
            find_commune("saint etienne").map(|c| c.name),
            Some("Saint-Étienne")
        );
        assert_eq!(find_commune("NIMES").map(|c| c.name), Some("Nîmes"));
        assert_eq!(
            find_commune("Greno").map(|c| c.name),
            Some("Grenoble"),
            "a unique prefix"
        );
        assert_eq!(find_commune("Saint"), None, "an ambiguous prefix");
        assert_eq!(find_commune("67000").map(|c| c.name), Some("Strasbourg"));
        assert_eq!(
            find_commune("67100").map(|c| c.name),
            Some("Strasbourg"),
            "the département's town"
        );
        assert_eq!(
            find_commune("97354").map(|c| c.name),
            Some("Cayenne"),
            "overseas: three digits"
        );
        assert_eq!(find_commune("99999"), None);
        assert_eq!(find_commune("Atlantis"), None);
        assert_eq!(find_commune("   "), None);
        for commune in COMMUNES {
            assert!(
                Position::parse(commune.latitude, commune.longitude).is_ok(),
                "{}",
                commune.name
            );
        }
    }
}
