//! Properties of the parsers that take what people type: search forms, SIREN/SIRET,
//! booking tokens, comments, dates, prices, e-mails and titles.
//!
//! The unit tests beside each parser show the rule on chosen examples; these throw
//! hostile text at them (any Unicode, NUL and other control characters, huge digit
//! strings, `+262142-12-31` dates, combining marks, bidirectional overrides, look-alike
//! capitals) and check that a parser never panics and that whatever it accepts keeps the
//! bounds it documents. The rules themselves are in `invariants/`, shared with the
//! coverage-guided fuzz targets of `fuzz/` (`scripts/bench fuzz`).
//! `PROPTEST_CASES=10000 cargo test -p domain --test parser_properties` searches longer.

mod invariants;

use chrono::{Duration, NaiveDate, NaiveDateTime, Weekday};
use domain::Cents;
use domain::catalogue::{SUBCATEGORIES, SearchGroup};
use domain::geo::Position;
use domain::search::SearchParams;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

/// Characters that trip naive parsers: controls, line and paragraph separators, odd
/// spaces, invisible and direction characters, combining marks, capitals that lower-case
/// to more than one character, digits of other scripts, emoji and punctuation.
const HOSTILE: &[char] = &[
    '\0',
    '\u{1}',
    '\u{7}',
    '\u{8}',
    '\t',
    '\n',
    '\r',
    '\u{b}',
    '\u{c}',
    '\u{1b}',
    '\u{7f}',
    '\u{85}',
    '\u{a0}',
    '\u{2028}',
    '\u{2029}',
    '\u{3000}',
    '\u{feff}',
    '\u{ad}',
    '\u{34f}',
    '\u{200b}',
    '\u{200d}',
    '\u{200e}',
    '\u{200f}',
    '\u{202a}',
    '\u{202e}',
    '\u{2066}',
    '\u{2069}',
    '\u{206a}',
    '\u{61c}',
    '\u{2060}',
    '\u{3164}',
    '\u{115f}',
    '\u{fe0f}',
    '\u{180e}',
    '\u{e0041}',
    '\u{e007f}',
    '\u{301}',
    '\u{307}',
    '\u{338}',
    'İ',
    'ı',
    'ß',
    'ẞ',
    'Σ',
    'ς',
    '\u{212a}',
    '\u{212b}',
    'ﬁ',
    'é',
    'É',
    '٣',
    '３',
    '²',
    '½',
    '🎉',
    '❤',
    '😀',
    '+',
    '-',
    '.',
    ',',
    '%',
    '&',
    '=',
    '@',
    '#',
    '/',
    ':',
    ';',
    '"',
    '\'',
    '<',
    '>',
    '*',
    '(',
    ')',
    '^',
    '~',
    '_',
    ' ',
    'a',
    'Z',
    'e',
    'E',
    'T',
    '0',
    '1',
    '2',
    '5',
    '9',
];

fn hostile_chars(max: usize) -> impl Strategy<Value = String> + Clone {
    vec(select(HOSTILE), 0..max).prop_map(String::from_iter)
}

/// Text no form expects.
fn hostile() -> impl Strategy<Value = String> + Clone {
    prop_oneof![
        any::<String>(),
        hostile_chars(40),
        "[0-9]{1,400}",
        "[+-]?[0-9]{1,7}-[0-9]{1,3}-[0-9]{1,3}(T[0-9]{1,2}:[0-9]{1,2}(:[0-9]{1,2})?)?",
        Just("+262142-12-31".to_owned()),
        Just("-262143-01-01T00:00".to_owned()),
    ]
}

/// Something close to what the parser accepts, or hostile text, or the two mixed.
fn around(valid: impl Strategy<Value = String> + 'static) -> BoxedStrategy<String> {
    let valid = valid.boxed();
    prop_oneof![
        2 => valid.clone(),
        1 => hostile(),
        1 => (hostile_chars(4), valid, hostile_chars(4)).prop_map(|(a, b, c)| a + &b + &c),
    ]
    .boxed()
}

/// A day between 2000 and 2100, as the server's clock could give it.
fn today() -> impl Strategy<Value = NaiveDate> {
    (0i64..36_890).prop_map(|days| {
        NaiveDate::from_ymd_opt(2000, 1, 1).expect("a date") + Duration::days(days)
    })
}

fn now() -> impl Strategy<Value = NaiveDateTime> {
    (today(), 0u32..86_400).prop_map(|(day, second)| {
        day.and_hms_opt(second / 3600, second / 60 % 60, second % 60)
            .expect("a time")
    })
}

/// A day written as a date input writes it, around 2000-2100 and far outside.
fn typed_day() -> impl Strategy<Value = String> {
    around(prop_oneof![
        (1990i32..2110, 0u32..14, 0u32..33).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")),
        (-300_000i32..300_000, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{y}-{m}-{d}")),
    ])
}

fn money() -> impl Strategy<Value = String> {
    around(prop_oneof![
        "[ ]?[0-9]{1,4}([.,][0-9]{0,3})?[ ]?",
        "[0-9]{6,30}([.,][0-9]{1,2})?",
        Just("1000000,99".to_owned()),
    ])
}

fn search_params() -> impl Strategy<Value = SearchParams> {
    let field = |valid: BoxedStrategy<String>| proptest::option::of(around(valid));
    let groups: Vec<String> = SearchGroup::ALL
        .iter()
        .map(|g| g.key().to_owned())
        .collect();
    let subcategories: Vec<String> = SUBCATEGORIES.iter().map(|s| s.id.to_owned()).collect();
    let words =
        |words: &[&str]| select(words.iter().map(|w| (*w).to_owned()).collect::<Vec<_>>()).boxed();
    (
        (
            field(hostile_chars(120).boxed()),
            field(select(groups).boxed()),
            field(select(subcategories).boxed()),
            field(prop_oneof![words(&["gratuit", "credit"]), money()].boxed()),
            field(words(&["aujourdhui", "semaine", "weekend", "date"])),
            field(typed_day().boxed()),
            field(prop_oneof![words(&["partout"]), "[+-]?[0-9]{1,12}".boxed()].boxed()),
            field(words(&["1", "on", "true", "oui", "0"])),
        ),
        (
            field(words(&["1", "on", "true", "oui", "0"])),
            field("((audio|mental|moteur|visuel|odorat)[ ,]{0,2}){0,5}".boxed()),
            field(words(&["distance", "date", "prix", "nouveautes", "hasard"])),
            field("[+-]?[0-9]{1,12}".boxed()),
            field(words(&["strasbourg", "cayenne"])),
            field("[+-]?[0-9]{1,3}([.][0-9]{1,8})?|inf|NaN|1e400".boxed()),
            field("[+-]?[0-9]{1,3}([.][0-9]{1,8})?|inf|NaN|1e400".boxed()),
        ),
    )
        .prop_map(
            |((q, groupe, categorie, prix, quand, date, rayon, duo), rest)| {
                let (numerique, acces, tri, page, lieu, lat, lon) = rest;
                SearchParams {
                    q,
                    groupe,
                    categorie,
                    prix,
                    quand,
                    date,
                    rayon,
                    duo,
                    numerique,
                    acces,
                    tri,
                    page,
                    lieu,
                    lat,
                    lon,
                }
            },
        )
}

fn position() -> impl Strategy<Value = Option<Position>> {
    proptest::option::of(
        (-90.0f64..=90.0, -180.0f64..=180.0)
            .prop_map(|(lat, lon)| Position::parse(lat, lon).expect("on the earth")),
    )
}

/// The 8 first digits of a SIREN or the 13 of a SIRET, with the Luhn key appended, then
/// white space of any kind sprinkled in.
fn luhn_number(body: usize) -> impl Strategy<Value = String> {
    (
        vec(0u32..10, body),
        vec(
            select(&[' ', ' ', '\t', '\u{a0}', '\u{3000}', '\n'][..]),
            0..4,
        ),
        vec(any::<prop::sample::Index>(), 0..4),
    )
        .prop_map(|(digits, spaces, places)| {
            let sum: u32 = digits
                .iter()
                .rev()
                .enumerate()
                .map(|(i, &d)| {
                    if i % 2 == 0 {
                        [0, 2, 4, 6, 8, 1, 3, 5, 7, 9][d as usize]
                    } else {
                        d
                    }
                })
                .sum();
            let mut text: Vec<char> = digits
                .iter()
                .chain(std::iter::once(&((10 - sum % 10) % 10)))
                .map(|&d| char::from_digit(d, 10).expect("a digit"))
                .collect();
            for (space, place) in spaces.into_iter().zip(places) {
                text.insert(place.index(text.len() + 1), space);
            }
            text.into_iter().collect()
        })
}

proptest! {
    // A failure prints its shrunk input; it becomes a unit test beside the parser, so no
    // regression file is kept here. 256 cases each unless PROPTEST_CASES says otherwise.
    #![proptest_config(ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn search_params_give_a_bounded_search_or_a_field_error(
        params in search_params(),
        position in position(),
        today in today(),
    ) {
        invariants::search(&params, position, today);
        invariants::query_string(&params);
        invariants::coordinates(&params);
    }

    #[test]
    fn query_terms_are_lower_case_letters_and_digits(query in around(hostile_chars(200))) {
        invariants::query_terms(&query);
    }

    #[test]
    fn a_percent_encoded_value_decodes_back(value in hostile()) {
        invariants::encoded_component(&value);
    }

    #[test]
    fn sirens_and_sirets_are_accepted_exactly_when_their_key_is_valid(
        siren in around(luhn_number(8)),
        siret in around(luhn_number(13)),
        other in hostile(),
    ) {
        invariants::siren(&siren);
        invariants::siret(&siret);
        invariants::siren(&other);
        invariants::siret(&other);
    }

    #[test]
    fn a_well_formed_siren_is_accepted_whatever_spaces_it_holds(siren in luhn_number(8)) {
        prop_assert!(domain::identifiers::Siren::parse(&siren).is_ok(), "{:?}", siren);
    }

    #[test]
    fn departement_codes_are_the_real_ones(code in around("[+-]?[0-9]{1,4}|2[aAbB]".boxed())) {
        invariants::departement(&code);
    }

    #[test]
    fn tokens_are_six_characters_of_the_alphabet_in_any_case(
        input in around("[ \t]{0,2}[A-Za-z0-9]{5,7}[ \t]{0,2}|PASSCULTURE:v3;TOKEN:[A-Za-z2-7]{6}".boxed()),
        seed in any::<u64>(),
    ) {
        invariants::token(&input);
        invariants::generated_token(seed);
    }

    #[test]
    fn accepted_comments_are_trimmed_visible_and_bounded(
        text in around(hostile_chars(1_200)),
        rating in around("[ ]?[+-]?[0-9]{1,4}[ ]?".boxed()),
    ) {
        invariants::comment(&text);
        invariants::shown_comment(&text);
        invariants::rating(&rating);
    }

    #[test]
    fn invisible_characters_between_line_breaks_change_nothing(
        text in vec(select(&['\r', '\n', '\u{200b}', '\u{feff}', '\u{2066}', 'a', ' ', '\t'][..]), 0..30),
    ) {
        invariants::comment(&String::from_iter(text));
    }

    #[test]
    fn long_comments_stay_within_a_thousand_characters(
        words in vec("[a-zé]{1,12}|🎉|\n\n|\u{200b}", 200..500),
    ) {
        invariants::comment(&words.join(" "));
    }

    #[test]
    fn accepted_dates_are_within_their_years(
        birth in typed_day(),
        day in typed_day(),
        today in today(),
    ) {
        invariants::birth_date(&birth, today);
        invariants::day(&day);
        invariants::day(&format!("{}T20:30", day.trim()));
    }

    #[test]
    fn a_series_of_dates_is_ordered_and_within_a_year(
        first in typed_day(),
        last in typed_day(),
        weekdays in vec(select(&[Weekday::Mon, Weekday::Wed, Weekday::Sat, Weekday::Sun][..]), 0..3),
        times in around("([0-2]?[0-9]:[0-6][0-9][ ,;]{1,2}){1,4}".boxed()),
    ) {
        invariants::series(&first, &last, &weekdays, &times);
    }

    #[test]
    fn accepted_prices_are_whole_cents_within_bounds(
        euros in money(),
        cents in any::<i64>(),
        label in around(hostile_chars(60)),
        quantity in around("[+-]?[0-9]{1,25}".boxed()),
        limit in typed_day(),
        now in now(),
    ) {
        invariants::euros(&euros);
        invariants::stock_price(cents);
        invariants::price_category(&label, &euros, &quantity);
        invariants::thing_stock(&euros, &quantity, &format!("{}T10:00", limit.trim()), now);
    }

    #[test]
    fn every_amount_prints_as_what_reads_back(cents in 0i64..=100_000_099) {
        invariants::printed_amount(Cents(cents));
    }

    #[test]
    fn accepted_emails_titles_and_passwords_keep_their_bounds(
        email in around("[ ]?[a-zA-Z0-9.+_İΣ-]{1,70}@[a-zA-Z0-9.-]{0,200}[ ]?".boxed()),
        text in around(hostile_chars(140)),
    ) {
        invariants::email(&email);
        invariants::email(&text);
        invariants::title_and_password(&text);
    }
}
