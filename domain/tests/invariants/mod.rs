//! What a value accepted by a parser of user text must be, written once and checked
//! twice: by the property tests (`tests/parser_properties.rs`, generators aimed at
//! hostile text) and by the fuzz targets (`fuzz/`, coverage-guided bytes), which include
//! this file by path. Each function takes what a person could type, calls the parser, and
//! panics if it panics or if what it accepted breaks the rule it documents; a refusal is
//! always fine.
// Each fuzz target uses only the functions of its family.
#![allow(dead_code)]

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};
use domain::Cents;
use domain::credit::age_on;
use domain::eligibility::{MINIMUM_ACCOUNT_AGE, parse_birth_date, parse_departement};
use domain::geo::Position;
use domain::identifiers::{Siren, Siret, luhn_valid};
use domain::money::{MAX_STOCK_PRICE, StockPrice};
use domain::pro::stock::{
    MAX_QUANTITY, PriceCategory, Series, optional_local_time, parse_quantity, parse_thing_stock,
};
use domain::pro::{YEARS, parse_day, parse_optional_day};
use domain::search::{
    Area, MAX_DAYS_AHEAD, MAX_PAGE, MAX_QUERY_CHARS, MAX_RADIUS_KM, MAX_TERMS, MIN_RADIUS_KM,
    PriceFilter, SearchParams, When, encode_component, terms,
};
use domain::social::comment::{
    CommentText, MAX_CHARS, MAX_EMOJI, MAX_REPEAT, MIN_CHARS, Segment, parse_rating, segments,
};
use domain::text::{Email, MAX_TITLE_CHARS, NewPassword, OfferTitle};
use domain::token::{ALPHABET, LENGTH, Token};
use rand::SeedableRng;

// ---------------------------------------------------------------- search

/// The query-string keys a search error may name.
const SEARCH_FIELDS: [&str; 15] = [
    "q",
    "groupe",
    "categorie",
    "prix",
    "quand",
    "date",
    "rayon",
    "duo",
    "numerique",
    "acces",
    "tri",
    "page",
    "lieu",
    "lat",
    "lon",
];

/// `SearchParams::parse` gives a search within its bounds or an error naming a field.
pub fn search(params: &SearchParams, position: Option<Position>, today: NaiveDate) {
    let search = match params.parse(position, today) {
        Ok(search) => search,
        Err(error) => {
            assert!(SEARCH_FIELDS.contains(&error.field), "{error:?}");
            assert!(!error.reason.to_string().is_empty());
            return;
        }
    };
    let query = params.q.as_deref().unwrap_or("").trim();
    assert!(query.chars().count() <= MAX_QUERY_CHARS, "{query:?}");
    assert!((1..=MAX_PAGE).contains(&search.page), "{search:?}");
    assert_eq!(
        search.offset(),
        (search.page - 1) * domain::search::PAGE_SIZE
    );
    if let Area::Around { radius_km, .. } = search.area {
        assert!(
            (MIN_RADIUS_KM..=MAX_RADIUS_KM).contains(&radius_km),
            "{search:?}"
        );
        assert!(position.is_some());
    }
    if let Some(PriceFilter::AtMost(max)) = search.price {
        assert!(Cents::ZERO <= max && max <= MAX_STOCK_PRICE, "{search:?}");
    }
    if let Some(When::On(day)) = search.when {
        assert!(
            today <= day && day <= today + Duration::days(MAX_DAYS_AHEAD),
            "{day}"
        );
    }
    if let Some(id) = search.subcategory {
        let found = domain::catalogue::subcategory(id).expect("a known subcategory");
        assert!(search.group.is_none_or(|group| group == found.group));
    }
    assert_terms(query, &search.terms);
    assert_eq!(search.terms, terms(query));
}

/// The words of a query are what the full-text indexes receive: letters and digits only,
/// lower case, at most [`MAX_TERMS`].
pub fn query_terms(query: &str) {
    assert_terms(query, &terms(query));
}

fn assert_terms(query: &str, terms: &[String]) {
    assert!(terms.len() <= MAX_TERMS, "{query:?} gave {terms:?}");
    for term in terms {
        assert!(!term.is_empty(), "{query:?} gave {terms:?}");
        assert!(
            term.chars().all(char::is_alphanumeric),
            "{query:?} gave the term {term:?} ({:?})",
            term.chars()
                .map(|c| format!("U+{:04X}", c as u32))
                .collect::<Vec<_>>()
        );
        assert_eq!(*term, term.to_lowercase(), "{query:?} gave {terms:?}");
    }
}

/// A percent-encoded value holds only unreserved characters and `%XX`, and decodes back.
pub fn encoded_component(value: &str) {
    let encoded = encode_component(value);
    assert!(
        encoded
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.~%".contains(&b)),
        "{encoded}"
    );
    let decoded = percent_encoding::percent_decode_str(&encoded).decode_utf8();
    assert_eq!(decoded.as_deref(), Ok(value));
}

/// A search's link (`to_query_string`) reads back, through the form decoder the server
/// and the router use, as the same search: trimmed values, blanks left out.
pub fn query_string(params: &SearchParams) {
    let link = params.to_query_string();
    let read: SearchParams = serde_urlencoded::from_str(&link).expect("a readable link");
    let kept = |value: &Option<String>| {
        value
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let expected = SearchParams {
        q: kept(&params.q),
        groupe: kept(&params.groupe),
        categorie: kept(&params.categorie),
        prix: kept(&params.prix),
        quand: kept(&params.quand),
        date: kept(&params.date),
        rayon: kept(&params.rayon),
        duo: kept(&params.duo),
        numerique: kept(&params.numerique),
        acces: kept(&params.acces),
        tri: kept(&params.tri),
        page: kept(&params.page),
        lieu: kept(&params.lieu),
        lat: kept(&params.lat),
        lon: kept(&params.lon),
    };
    assert_eq!(read, expected, "{link}");
}

/// Typed coordinates are on the earth, or refused.
pub fn coordinates(params: &SearchParams) {
    if let Ok(Some(position)) = params.coordinates() {
        assert!(position.latitude.is_finite() && position.longitude.is_finite());
        assert!((-90.0..=90.0).contains(&position.latitude));
        assert!((-180.0..=180.0).contains(&position.longitude));
    }
}

// ---------------------------------------------------------------- identifiers

/// Luhn written differently from the domain's (a lookup of doubled digits), as an oracle.
fn luhn_oracle(digits: &str) -> bool {
    const DOUBLED: [u32; 10] = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9];
    let digits: Vec<u32> = digits.bytes().map(|b| u32::from(b - b'0')).collect();
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| if i % 2 == 1 { DOUBLED[d as usize] } else { d })
        .sum();
    sum.is_multiple_of(10)
}

/// A number as the domain keeps it: the input without its white space.
fn without_spaces(input: &str) -> String {
    input.chars().filter(|c| !c.is_whitespace()).collect()
}

fn is_ascii_digits(text: &str, len: usize) -> bool {
    text.len() == len && text.bytes().all(|b| b.is_ascii_digit())
}

/// A SIREN is accepted exactly when, spaces aside, it is 9 digits with a valid key.
pub fn siren(input: &str) {
    let digits = without_spaces(input);
    let valid = is_ascii_digits(&digits, 9) && luhn_oracle(&digits);
    match Siren::parse(input) {
        Ok(siren) => {
            assert!(valid, "{input:?}");
            assert_eq!(siren.as_str(), digits);
            assert!(luhn_valid(siren.as_str()));
        }
        Err(error) => assert!(!valid, "{input:?} refused: {error}"),
    }
}

/// A SIRET is accepted exactly when, spaces aside, it is 14 digits with a valid key (or
/// La Poste's), and its SIREN is its first 9 digits.
pub fn siret(input: &str) {
    let digits = without_spaces(input);
    let valid =
        is_ascii_digits(&digits, 14) && (luhn_oracle(&digits) || digits.starts_with("356000000"));
    match Siret::parse(input) {
        Ok(siret) => {
            assert!(valid, "{input:?}");
            assert_eq!(siret.as_str(), digits);
            assert_eq!(siret.siren(), &digits[..9]);
        }
        Err(error) => assert!(!valid, "{input:?} refused: {error}"),
    }
}

/// A département code is `01`–`95` but `20`, `2A`, `2B`, or `971`–`976`.
pub fn departement(input: &str) {
    let Some(code) = parse_departement(input) else {
        return;
    };
    let valid = match code.as_str() {
        "2A" | "2B" => true,
        code if is_ascii_digits(code, 2) => code != "00" && code != "20" && code <= "95",
        code if is_ascii_digits(code, 3) => ("971"..="976").contains(&code),
        _ => false,
    };
    assert!(valid, "{input:?} gave the code {code:?}");
    assert_eq!(code, input.trim().to_ascii_uppercase());
}

// ---------------------------------------------------------------- tokens

/// A token is 6 characters of the alphabet, read the same whatever the case, and reads
/// as itself.
pub fn token(input: &str) {
    let parsed = Token::parse(input);
    assert_eq!(
        Token::parse(&input.to_ascii_lowercase()),
        parsed,
        "{input:?}"
    );
    assert_eq!(
        Token::parse(&input.to_ascii_uppercase()),
        parsed,
        "{input:?}"
    );
    if let Ok(token) = parsed {
        assert_well_formed(&token);
        assert_eq!(Token::parse(&token.to_string().to_lowercase()), Ok(token));
    }
    if let Ok(token) = Token::from_scan(input) {
        assert_well_formed(&token);
    }
}

fn assert_well_formed(token: &Token) {
    let text = token.as_str();
    assert_eq!(text.len(), LENGTH, "{text:?}");
    assert!(text.bytes().all(|b| ALPHABET.contains(&b)), "{text:?}");
    assert_eq!(Token::parse(text).as_ref(), Ok(token));
    assert_eq!(Token::parse(&format!(" \t{text}\n")).as_ref(), Ok(token));
    assert_eq!(Token::from_scan(&token.qr_payload()).as_ref(), Ok(token));
}

/// Every generated token is well formed.
pub fn generated_token(seed: u64) {
    let token = Token::generate(&mut rand::rngs::StdRng::seed_from_u64(seed));
    assert_well_formed(&token);
}

// ---------------------------------------------------------------- comments

/// Invisible characters: Unicode's Default_Ignorable_Code_Point (which holds every
/// bidirectional control), none of which a reader can see.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}' | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}')
}

/// Invisible characters are dropped, so they change nothing about a comment: it is read
/// as if they were not there. An accepted comment is 3 to 1 000 characters, trimmed,
/// without invisible characters or more than one blank line in a row, and reads as itself.
pub fn comment(input: &str) {
    let parsed = CommentText::parse(input);
    let visible: String = input.chars().filter(|c| !is_invisible(*c)).collect();
    assert_eq!(CommentText::parse(&visible), parsed, "{input:?}");
    let Ok(text) = parsed else {
        return;
    };
    let s = text.as_str();
    assert!(
        (MIN_CHARS..=MAX_CHARS).contains(&s.chars().count()),
        "{s:?}"
    );
    assert!(!s.chars().any(is_invisible), "{input:?} kept {s:?}");
    assert_eq!(s, s.trim(), "{input:?}");
    assert!(!s.contains("\n\n\n") && !s.contains('\r'), "{s:?}");
    assert!(s.lines().all(|line| line == line.trim_end()), "{s:?}");
    let pictographs = s
        .chars()
        .filter(|c| matches!(c, '\u{1F000}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}' | '\u{2B00}'..='\u{2BFF}'))
        .count();
    assert!(pictographs <= MAX_EMOJI, "{s:?}");
    let chars: Vec<char> = s.chars().collect();
    assert!(
        chars
            .windows(MAX_REPEAT + 1)
            .all(|w| w.iter().any(|c| *c != w[0])),
        "{s:?}"
    );
    assert_eq!(CommentText::parse(s).as_ref(), Ok(&text), "{input:?}");
    shown_comment(s);
}

/// A comment is shown as pieces that put it back together, links only where allowed.
pub fn shown_comment(text: &str) {
    let allowed = ["culture.gouv.fr", "theatre-strasbourg.fr"];
    let pieces = segments(text, &allowed);
    let joined: String = pieces
        .iter()
        .map(|piece| match piece {
            Segment::Text(text) | Segment::Link(text) => text.as_str(),
        })
        .collect();
    assert_eq!(joined, text);
    for piece in &pieces {
        if let Segment::Link(url) = piece {
            let host = url
                .strip_prefix("https://")
                .and_then(|rest| rest.split(['/', '?', '#', ':']).next())
                .expect("an https link")
                .to_ascii_lowercase();
            assert!(
                allowed
                    .iter()
                    .any(|h| host == *h || host.ends_with(&format!(".{h}"))),
                "{url}"
            );
            assert!(
                !url.chars()
                    .any(|c| c.is_whitespace() || "<>\"'".contains(c))
            );
        }
    }
}

/// A rating is empty or 1 to 5.
pub fn rating(input: &str) {
    match parse_rating(input) {
        Ok(None) => assert!(input.trim().is_empty(), "{input:?}"),
        Ok(Some(rating)) => assert!((1..=5).contains(&rating), "{input:?}"),
        Err(_) => assert!(!input.trim().is_empty(), "{input:?}"),
    }
}

// ---------------------------------------------------------------- dates

/// A birth date is in the past and gives an age from 15 to 120 years.
pub fn birth_date(input: &str, today: NaiveDate) {
    if let Ok(date) = parse_birth_date(input, today) {
        assert!(date <= today, "{input:?}");
        let age = age_on(date, today);
        assert!(
            (MINIMUM_ACCOUNT_AGE..=120).contains(&age),
            "{input:?}: {age}"
        );
    }
}

/// A typed day, or date and time, is within the years people plan for.
pub fn day(input: &str) {
    if let Ok(day) = parse_day("day", input) {
        assert!(YEARS.contains(&day.year()), "{input:?}");
    }
    match parse_optional_day("day", input) {
        Ok(None) => assert!(input.trim().is_empty()),
        Ok(Some(day)) => assert!(YEARS.contains(&day.year()), "{input:?}"),
        Err(_) => {}
    }
    match optional_local_time("at", input) {
        Ok(None) => assert!(input.trim().is_empty()),
        Ok(Some(at)) => assert!(YEARS.contains(&at.year()), "{input:?}"),
        Err(_) => {}
    }
}

/// A series covers at most a year of ordered days within bounds; its dates are in order,
/// without duplicates, within its days.
pub fn series(first: &str, last: &str, weekdays: &[Weekday], times: &str) {
    let Ok(series) = Series::parse(first, last, weekdays, times) else {
        return;
    };
    assert!(YEARS.contains(&series.first_day.year()));
    assert!(YEARS.contains(&series.last_day.year()));
    assert!(series.first_day <= series.last_day);
    assert!((series.last_day - series.first_day).num_days() <= 366);
    assert!(!series.times.is_empty());
    let dates = series.dates();
    assert!(dates.windows(2).all(|w| w[0] < w[1]));
    assert!(dates.iter().all(|at| {
        (series.first_day..=series.last_day).contains(&at.date())
            && (weekdays.is_empty() || weekdays.contains(&at.date().weekday()))
    }));
}

// ---------------------------------------------------------------- money

/// An amount in euros is a whole number of cents, never negative, never overflowing, and
/// prints back (without its ` €`) as something that reads as the same amount.
pub fn euros(input: &str) {
    let Some(amount) = Cents::parse_euros(input) else {
        return;
    };
    assert!(amount >= Cents::ZERO, "{input:?}");
    assert!(amount <= Cents(1_000_000 * 100 + 99), "{input:?}");
    printed_amount(amount);
}

/// `Cents`' French display, without the ` €`, is read back by `parse_euros`.
pub fn printed_amount(amount: Cents) {
    let printed = amount.to_string();
    let number = printed.strip_suffix(" €").expect("a euro sign");
    assert_eq!(Cents::parse_euros(number), Some(amount), "{printed}");
}

/// A stock price is 0 to 300 €.
pub fn stock_price(cents: i64) {
    if let Ok(price) = StockPrice::parse(Cents(cents)) {
        assert!(Cents::ZERO <= price.cents() && price.cents() <= MAX_STOCK_PRICE);
        assert_eq!(price.cents(), Cents(cents));
    }
}

/// A price category has a label of 1 to 50 characters and a price of 0 to 300 €; a
/// quantity is unlimited or 0 to 1 000 000.
pub fn price_category(label: &str, price: &str, quantity: &str) {
    if let Ok(category) = PriceCategory::parse(label, price) {
        assert!(
            (1..=50).contains(&category.label.chars().count()),
            "{label:?}"
        );
        assert!(category.price.cents() <= MAX_STOCK_PRICE);
        assert_eq!(Cents::parse_euros(price), Some(category.price.cents()));
    }
    match parse_quantity(quantity) {
        Ok(None) => assert!(quantity.trim().is_empty()),
        Ok(Some(q)) => assert!((0..=MAX_QUANTITY).contains(&q), "{quantity:?}"),
        Err(_) => {}
    }
}

/// A thing's stock: a price within bounds and a booking limit in the future.
pub fn thing_stock(price: &str, quantity: &str, limit: &str, now: NaiveDateTime) {
    if let Ok(stock) = parse_thing_stock(price, quantity, limit, now) {
        assert!(stock.price.cents() <= MAX_STOCK_PRICE);
        assert!(
            stock
                .quantity
                .is_none_or(|q| (0..=MAX_QUANTITY).contains(&q))
        );
        assert!(
            stock
                .booking_limit
                .is_none_or(|at| at > now && YEARS.contains(&at.year()))
        );
    }
}

// ---------------------------------------------------------------- e-mail, titles

/// An e-mail is at most 254 bytes, lower case, one `@` between a local part and a dotted
/// domain, no white space; it reads as itself.
pub fn email(input: &str) {
    let Ok(email) = Email::parse(input) else {
        return;
    };
    let s = email.as_str();
    assert!(s.len() <= 254, "{input:?}");
    assert!(!s.chars().any(char::is_whitespace), "{input:?}");
    assert_eq!(s, s.to_lowercase(), "{input:?}");
    let (local, domain) = s.split_once('@').expect("an @");
    assert!(!local.is_empty() && !domain.contains('@'), "{s:?}");
    assert!(domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.'));
    assert_eq!(Email::parse(s).as_ref(), Ok(&email), "{input:?}");
}

/// A title is 1 to 90 characters, trimmed, and reads as itself; a new password is 12 to
/// 128 characters, kept as typed.
pub fn title_and_password(input: &str) {
    if let Ok(title) = OfferTitle::parse(input) {
        let s = title.as_str();
        assert!(
            (1..=MAX_TITLE_CHARS).contains(&s.chars().count()),
            "{input:?}"
        );
        assert_eq!(s, s.trim());
        assert_eq!(OfferTitle::parse(s).as_ref(), Ok(&title));
    }
    if let Ok(password) = NewPassword::parse(input) {
        assert!((12..=128).contains(&password.expose().chars().count()));
        assert_eq!(password.expose(), input);
    }
}
