//! Why a search or the map is refused, per language: the domain's typed reasons
//! (`SearchRefusal`, `ViewportError`, `PositionError`) carry no sentence of their own for
//! the person. Their `Display` stays the French one, for the logs; a test here checks
//! that French says exactly it.

use super::Locale;
use crate::i18n::td_string;
use domain::cluster::{MAX_ZOOM, ViewportError};
use domain::geo::PositionError;
use domain::search::SearchRefusal;

/// Why a value of the search form cannot be searched for.
pub fn search(locale: Locale, reason: &SearchRefusal) -> String {
    match reason {
        SearchRefusal::ControlCharacter => {
            td_string!(locale, search_refusal.control_character).to_owned()
        }
        SearchRefusal::QueryTooLong { max } => {
            td_string!(locale, search_refusal.query_too_long, max).to_string()
        }
        SearchRefusal::UnknownGroup { key } => {
            td_string!(locale, search_refusal.unknown_group, key).to_string()
        }
        SearchRefusal::UnknownSubcategory { id } => {
            td_string!(locale, search_refusal.unknown_subcategory, id).to_string()
        }
        SearchRefusal::SubcategoryOutsideGroup => {
            td_string!(locale, search_refusal.subcategory_outside_group).to_owned()
        }
        SearchRefusal::Price => td_string!(locale, search_refusal.price).to_owned(),
        SearchRefusal::NoDate => td_string!(locale, search_refusal.no_date).to_owned(),
        SearchRefusal::DateFormat => td_string!(locale, search_refusal.date_format).to_owned(),
        SearchRefusal::PastDate => td_string!(locale, search_refusal.past_date).to_owned(),
        SearchRefusal::DateTooFar => td_string!(locale, search_refusal.date_too_far).to_owned(),
        SearchRefusal::UnknownPeriod { period } => {
            td_string!(locale, search_refusal.unknown_period, period).to_string()
        }
        SearchRefusal::Radius { min, max } => {
            td_string!(locale, search_refusal.radius, min, max).to_string()
        }
        SearchRefusal::UnknownAccess { need } => {
            td_string!(locale, search_refusal.unknown_access, need).to_string()
        }
        SearchRefusal::DistanceWithoutPlace => {
            td_string!(locale, search_refusal.distance_without_place).to_owned()
        }
        SearchRefusal::UnknownSort { sort } => {
            td_string!(locale, search_refusal.unknown_sort, sort).to_string()
        }
        SearchRefusal::Page { max } => td_string!(locale, search_refusal.page, max).to_string(),
        SearchRefusal::Coordinate => td_string!(locale, search_refusal.coordinate).to_owned(),
        SearchRefusal::Position(error) => position(locale, error).to_owned(),
        SearchRefusal::CoordinatesTogether => {
            td_string!(locale, search_refusal.coordinates_together).to_owned()
        }
    }
}

/// Why the part of the map asked for cannot be shown.
pub fn viewport(locale: Locale, error: &ViewportError) -> String {
    match error {
        ViewportError::OutOfRange => td_string!(locale, search_refusal.map_out_of_range).to_owned(),
        ViewportError::Inverted => td_string!(locale, search_refusal.map_inverted).to_owned(),
        ViewportError::Zoom => {
            let max = MAX_ZOOM;
            td_string!(locale, search_refusal.map_zoom, max).to_string()
        }
        ViewportError::TooLarge => td_string!(locale, search_refusal.map_too_large).to_owned(),
    }
}

/// Why a position is not one on the Earth.
pub fn position(locale: Locale, error: &PositionError) -> &'static str {
    match error {
        PositionError::Latitude => td_string!(locale, search_refusal.latitude),
        PositionError::Longitude => td_string!(locale, search_refusal.longitude),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// One reason of each kind (the match below fails to compile when a kind is added
    /// and not listed).
    fn every_search_refusal() -> Vec<SearchRefusal> {
        let all = vec![
            SearchRefusal::ControlCharacter,
            SearchRefusal::QueryTooLong { max: 100 },
            SearchRefusal::UnknownGroup {
                key: "opera".into(),
            },
            SearchRefusal::UnknownSubcategory { id: "NOPE".into() },
            SearchRefusal::SubcategoryOutsideGroup,
            SearchRefusal::Price,
            SearchRefusal::NoDate,
            SearchRefusal::DateFormat,
            SearchRefusal::PastDate,
            SearchRefusal::DateTooFar,
            SearchRefusal::UnknownPeriod {
                period: "hier".into(),
            },
            SearchRefusal::Radius { min: 1, max: 100 },
            SearchRefusal::UnknownAccess {
                need: "odorat".into(),
            },
            SearchRefusal::DistanceWithoutPlace,
            SearchRefusal::UnknownSort {
                sort: "hasard".into(),
            },
            SearchRefusal::Page { max: 50 },
            SearchRefusal::Coordinate,
            SearchRefusal::Position(PositionError::Latitude),
            SearchRefusal::Position(PositionError::Longitude),
            SearchRefusal::CoordinatesTogether,
        ];
        for reason in &all {
            match reason {
                SearchRefusal::ControlCharacter
                | SearchRefusal::QueryTooLong { .. }
                | SearchRefusal::UnknownGroup { .. }
                | SearchRefusal::UnknownSubcategory { .. }
                | SearchRefusal::SubcategoryOutsideGroup
                | SearchRefusal::Price
                | SearchRefusal::NoDate
                | SearchRefusal::DateFormat
                | SearchRefusal::PastDate
                | SearchRefusal::DateTooFar
                | SearchRefusal::UnknownPeriod { .. }
                | SearchRefusal::Radius { .. }
                | SearchRefusal::UnknownAccess { .. }
                | SearchRefusal::DistanceWithoutPlace
                | SearchRefusal::UnknownSort { .. }
                | SearchRefusal::Page { .. }
                | SearchRefusal::Coordinate
                | SearchRefusal::Position(_)
                | SearchRefusal::CoordinatesTogether => {}
            }
        }
        all
    }

    const VIEWPORT_ERRORS: [ViewportError; 4] = [
        ViewportError::OutOfRange,
        ViewportError::Inverted,
        ViewportError::Zoom,
        ViewportError::TooLarge,
    ];

    const POSITION_ERRORS: [PositionError; 2] = [PositionError::Latitude, PositionError::Longitude];

    #[test]
    fn french_words_every_reason_as_its_display_does() {
        let all = every_search_refusal();
        let kinds: HashSet<_> = all.iter().map(std::mem::discriminant).collect();
        assert_eq!(kinds.len(), 19, "one reason of each kind");
        for reason in &all {
            assert_eq!(search(Locale::fr, reason), reason.to_string(), "{reason:?}");
        }
        for error in &VIEWPORT_ERRORS {
            assert_eq!(viewport(Locale::fr, error), error.to_string(), "{error:?}");
        }
        for error in &POSITION_ERRORS {
            assert_eq!(position(Locale::fr, error), error.to_string(), "{error:?}");
        }
    }

    #[test]
    fn english_words_every_reason_in_english() {
        for reason in every_search_refusal() {
            let english = search(Locale::en, &reason);
            assert!(!english.trim().is_empty(), "{reason:?}");
            assert_ne!(english, reason.to_string(), "{reason:?}");
        }
        for error in &VIEWPORT_ERRORS {
            assert_ne!(viewport(Locale::en, error), error.to_string(), "{error:?}");
        }
        for error in &POSITION_ERRORS {
            assert_ne!(position(Locale::en, error), error.to_string(), "{error:?}");
        }
        assert_eq!(
            search(Locale::en, &SearchRefusal::Radius { min: 1, max: 100 }),
            "The radius must be between 1 and 100 km"
        );
        assert_eq!(
            search(
                Locale::en,
                &SearchRefusal::UnknownSort {
                    sort: "hasard".into()
                }
            ),
            "Unknown sort order: hasard"
        );
        assert_eq!(
            viewport(Locale::en, &ViewportError::Zoom),
            "The zoom level must be between 0 and 18"
        );
    }
}
