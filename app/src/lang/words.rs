//! Small things said the same way across pages, per language: counts (each language
//! agrees a noun with its number its own way), a count of places and the time left to
//! cancel (a countdown in the browser).

use super::Locale;
use crate::i18n::td_string;

/// Whether a count takes the singular: French puts nought and one in it ("0 réservation"),
/// English only one ("0 bookings").
pub fn singular(locale: Locale, count: i64) -> bool {
    match locale {
        Locale::fr => count.abs() <= 1,
        _ => count.abs() == 1,
    }
}

/// A count and its noun, agreed as the language does ("0 personne", "0 people").
pub fn counted(locale: Locale, count: i64, one: &str, many: &str) -> String {
    format!(
        "{count} {}",
        if singular(locale, count) { one } else { many }
    )
}

/// "1 place", "2 places".
pub fn places(locale: Locale, count: i64) -> String {
    if count.abs() <= 1 {
        td_string!(locale, booking.one_place).to_owned()
    } else {
        td_string!(locale, booking.places, count).to_string()
    }
}

/// Time left, as a countdown reads: "2 j 4 h", "5 h 12 min", "12 min", "moins d'une
/// minute".
pub fn time_left(locale: Locale, seconds: i64) -> String {
    let minutes = seconds.max(0) / 60;
    let (days, hours, minutes) = (minutes / (24 * 60), minutes / 60 % 24, minutes % 60);
    match (days, hours, minutes) {
        (0, 0, 0) => td_string!(locale, calendar.less_than_a_minute).to_owned(),
        (0, 0, minutes) => td_string!(locale, calendar.minutes, minutes).to_string(),
        (0, hours, minutes) => {
            td_string!(locale, calendar.hours_minutes, hours, minutes).to_string()
        }
        (days, hours, _) => td_string!(locale, calendar.days_hours, days, hours).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_countdown_reads_in_each_language() {
        assert_eq!(time_left(Locale::fr, 2 * 86_400 + 4 * 3600 + 59), "2 j 4 h");
        assert_eq!(time_left(Locale::en, 2 * 86_400 + 4 * 3600 + 59), "2 d 4 h");
        assert_eq!(time_left(Locale::fr, 5 * 3600 + 12 * 60), "5 h 12 min");
        assert_eq!(time_left(Locale::fr, 12 * 60 + 30), "12 min");
        assert_eq!(time_left(Locale::fr, -5), "moins d'une minute");
        assert_eq!(time_left(Locale::en, 30), "less than a minute");
        assert_eq!(places(Locale::fr, 1), "1 place");
        assert_eq!(places(Locale::en, 2), "2 places");
        assert_eq!(
            counted(Locale::fr, 0, "personne", "personnes"),
            "0 personne"
        );
        assert_eq!(counted(Locale::en, 0, "person", "people"), "0 people");
        assert_eq!(counted(Locale::en, 1, "person", "people"), "1 person");
        assert!(!singular(Locale::fr, 2));
    }
}
