//! The search form as it arrives in a URL: every field any text, any position, any day.
#![no_main]

#[path = "../../domain/tests/invariants/mod.rs"]
mod invariants;

use chrono::{Duration, NaiveDate};
use domain::geo::Position;
use domain::search::SearchParams;
use libfuzzer_sys::{arbitrary, fuzz_target};

#[derive(Debug, arbitrary::Arbitrary)]
struct Input {
    fields: [Option<String>; 15],
    position: Option<(f64, f64)>,
    today: u16,
}

fuzz_target!(|input: Input| {
    let [
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
    ] = input.fields;
    let params = SearchParams {
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
    };
    let position = input
        .position
        .and_then(|(lat, lon)| Position::parse(lat, lon).ok());
    let today = NaiveDate::from_ymd_opt(2000, 1, 1).expect("a date")
        + Duration::days(i64::from(input.today % 36_890));
    invariants::search(&params, position, today);
    invariants::query_string(&params);
    invariants::coordinates(&params);
    invariants::query_terms(params.q.as_deref().unwrap_or(""));
    invariants::encoded_component(params.lieu.as_deref().unwrap_or(""));
});
