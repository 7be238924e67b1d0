//! What a search asks for: the filters of the search page, parsed once from the URL
//! query string (so a search is shareable and reloadable), with a field and a typed
//! reason for every value out of range (the app words it in the person's language).
//! The store only ever sees a checked [`Search`], whose bounds (radius, page, query
//! length) keep every query on an index.

use crate::Cents;
use crate::catalogue::{SUBCATEGORIES, SearchGroup, Subcategory, subcategory};
use crate::geo::{Position, PositionError};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

pub const MAX_QUERY_CHARS: usize = 100;
/// Words of a query beyond this are ignored (each adds an index lookup).
pub const MAX_TERMS: usize = 8;
pub const MIN_RADIUS_KM: u32 = 1;
pub const MAX_RADIUS_KM: u32 = 100;
pub const DEFAULT_RADIUS_KM: u32 = 50;
pub const PAGE_SIZE: u32 = 20;
/// Deep pages are refused: nobody reads page 51, and a deep offset is a slow query.
pub const MAX_PAGE: u32 = 50;
/// How far ahead a chosen date may be.
pub const MAX_DAYS_AHEAD: i64 = 366;

/// The search form as it travels in the URL: every field optional, as typed.
/// Field names are the French query-string keys.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchParams {
    /// Free text.
    pub q: Option<String>,
    /// A [`SearchGroup::key`].
    pub groupe: Option<String>,
    /// A subcategory id (`SEANCE_CINE`).
    pub categorie: Option<String>,
    /// `prix`: `gratuit`, `credit` (within my remaining credit) or a maximum in euros.
    pub prix: Option<String>,
    /// `aujourdhui`, `semaine`, `weekend` or `date` (then `date` is the day).
    pub quand: Option<String>,
    pub date: Option<String>,
    /// Kilometres, or `partout`.
    pub rayon: Option<String>,
    pub duo: Option<String>,
    pub numerique: Option<String>,
    /// Comma-separated `audio`, `mental`, `moteur`, `visuel`, or repeated checkboxes
    /// joined by the page.
    pub acces: Option<String>,
    /// `distance`, `date`, `prix` or `nouveautes`.
    pub tri: Option<String>,
    pub page: Option<String>,
    /// A named place (`strasbourg`), used when there is no `lat`/`lon`.
    pub lieu: Option<String>,
    pub lat: Option<String>,
    pub lon: Option<String>,
}

/// How far "Près de moi" looks, in kilometres: a walk or a short ride.
pub const NEARBY_KM: &str = "5";

/// A filter one tap turns on or off, offered as a chip above the search's results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuickFilter {
    Weekend,
    Free,
    Duo,
    Group(SearchGroup),
}

impl QuickFilter {
    /// The chips, in order: the filters people use most, then the main categories.
    pub const CHIPS: [QuickFilter; 8] = [
        QuickFilter::Weekend,
        QuickFilter::Free,
        QuickFilter::Duo,
        QuickFilter::Group(SearchGroup::Cinema),
        QuickFilter::Group(SearchGroup::ConcertsFestivals),
        QuickFilter::Group(SearchGroup::Spectacles),
        QuickFilter::Group(SearchGroup::Livres),
        QuickFilter::Group(SearchGroup::MuseesVisites),
    ];

    pub fn label(self) -> &'static str {
        match self {
            QuickFilter::Weekend => "Ce week-end",
            QuickFilter::Free => "Gratuit",
            QuickFilter::Duo => "Duo",
            QuickFilter::Group(group) => group.label(),
        }
    }
}

/// A value of the form that cannot be searched for, with the field it belongs to. Its
/// `Display` is the reason's French, for the logs; the app words the reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{reason}")]
pub struct SearchError {
    pub field: &'static str,
    pub reason: SearchRefusal,
}

/// Why a value of the search form cannot be searched for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SearchRefusal {
    /// The query holds a control character.
    #[error("Caractères non autorisés (caractères de contrôle)")]
    ControlCharacter,
    /// The query is longer than `max` characters.
    #[error("La recherche est limitée à {max} caractères")]
    QueryTooLong { max: usize },
    /// No group has this `key`.
    #[error("Catégorie inconnue : {key}")]
    UnknownGroup { key: String },
    /// No subcategory has this `id`.
    #[error("Sous-catégorie inconnue : {id}")]
    UnknownSubcategory { id: String },
    /// The subcategory is of another group than the chosen one.
    #[error("Cette sous-catégorie n'appartient pas à la catégorie choisie")]
    SubcategoryOutsideGroup,
    /// The maximum price is not an amount from 0 to 300 €.
    #[error("Le prix maximum doit être compris entre 0 et 300 €")]
    Price,
    /// "On a date" without the date.
    #[error("Choisis une date")]
    NoDate,
    /// A date not written `AAAA-MM-JJ`.
    #[error("Date invalide (attendu : AAAA-MM-JJ)")]
    DateFormat,
    /// A day before today.
    #[error("Cette date est passée")]
    PastDate,
    /// A day more than [`MAX_DAYS_AHEAD`] days ahead.
    #[error("Choisis une date dans l'année qui vient")]
    DateTooFar,
    /// No period is called `period`.
    #[error("Période inconnue : {period}")]
    UnknownPeriod { period: String },
    /// A radius outside `min` to `max` kilometres.
    #[error("Le rayon doit être compris entre {min} et {max} km")]
    Radius { min: u32, max: u32 },
    /// No accessibility need is called `need`.
    #[error("Accessibilité inconnue : {need}")]
    UnknownAccess { need: String },
    /// Sorting by distance without a place to measure from.
    #[error("Indique un lieu pour trier par distance")]
    DistanceWithoutPlace,
    /// No sort is called `sort`.
    #[error("Tri inconnu : {sort}")]
    UnknownSort { sort: String },
    /// A page outside 1 to `max`.
    #[error("La page doit être comprise entre 1 et {max}")]
    Page { max: u32 },
    /// A latitude or a longitude that is not a number.
    #[error("Coordonnée invalide")]
    Coordinate,
    /// A latitude or a longitude off the Earth.
    #[error(transparent)]
    Position(PositionError),
    /// A latitude without a longitude, or the other way round.
    #[error("La latitude et la longitude vont ensemble")]
    CoordinatesTogether,
}

fn refuse(field: &'static str, reason: SearchRefusal) -> SearchError {
    SearchError { field, reason }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sort {
    Distance,
    Date,
    Price,
    /// Newest offers first.
    Newest,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum When {
    Today,
    ThisWeek,
    ThisWeekend,
    On(NaiveDate),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PriceFilter {
    Free,
    /// At most this much.
    AtMost(Cents),
    /// At most what remains on the person's credit (resolved by the server).
    WithinCredit,
}

/// Accessibility the offer must declare (each `true` is required).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedsAccess {
    pub audio: bool,
    pub mental: bool,
    pub motor: bool,
    pub visual: bool,
}

impl NeedsAccess {
    pub fn any(self) -> bool {
        self.audio || self.mental || self.motor || self.visual
    }
}

/// Where to look.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Area {
    Around { center: Position, radius_km: u32 },
    Everywhere { center: Option<Position> },
}

impl Area {
    pub fn center(self) -> Option<Position> {
        match self {
            Area::Around { center, .. } => Some(center),
            Area::Everywhere { center } => center,
        }
    }
}

/// A checked search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Search {
    /// Lower-cased words, accents kept (the indexes fold them).
    pub terms: Vec<String>,
    pub group: Option<SearchGroup>,
    pub subcategory: Option<&'static str>,
    pub price: Option<PriceFilter>,
    pub when: Option<When>,
    pub area: Area,
    pub duo_only: bool,
    pub digital_only: bool,
    pub access: NeedsAccess,
    pub sort: Sort,
    /// From 1.
    pub page: u32,
}

impl Search {
    pub fn offset(&self) -> u32 {
        (self.page - 1) * PAGE_SIZE
    }
}

fn flag(value: &Option<String>) -> bool {
    matches!(value.as_deref(), Some("1" | "on" | "true" | "oui"))
}

fn present(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// The words of a free-text query: lower-cased runs of letters and digits, at most
/// [`MAX_TERMS`], so that no character of the query reaches an index's query syntax.
/// Spacing modifier letters (U+02B0–U+02FF: the modifier apostrophe ʼ, the length mark
/// ː...) are letters to Unicode but separate words as punctuation does (dʼété).
/// Lower-casing can add a combining mark (`İ` gives `i` and U+0307): what is not a letter
/// or a digit is dropped after it too.
pub fn terms(query: &str) -> Vec<String> {
    query
        .split(|c: char| !c.is_alphanumeric() || ('\u{2b0}'..='\u{2ff}').contains(&c))
        .map(|word| {
            word.to_lowercase()
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
        })
        .filter(|word| !word.is_empty())
        .take(MAX_TERMS)
        .collect()
}

impl SearchParams {
    /// Checks every field. `position` is where the person is (from `lat`/`lon`, or the
    /// named place, resolved by the caller); `today` is the local date.
    pub fn parse(
        &self,
        position: Option<Position>,
        today: NaiveDate,
    ) -> Result<Search, SearchError> {
        let text = present(&self.q).unwrap_or("");
        // `plain` refuses nothing but control characters.
        crate::text::plain(text).map_err(|_| refuse("q", SearchRefusal::ControlCharacter))?;
        if text.chars().count() > MAX_QUERY_CHARS {
            return Err(refuse(
                "q",
                SearchRefusal::QueryTooLong {
                    max: MAX_QUERY_CHARS,
                },
            ));
        }
        let group = match present(&self.groupe) {
            None => None,
            Some(key) => Some(SearchGroup::from_key(key).ok_or_else(|| {
                refuse(
                    "groupe",
                    SearchRefusal::UnknownGroup {
                        key: key.to_owned(),
                    },
                )
            })?),
        };
        let subcategory = match present(&self.categorie) {
            None => None,
            Some(id) => {
                let found: &Subcategory = subcategory(id).ok_or_else(|| {
                    refuse(
                        "categorie",
                        SearchRefusal::UnknownSubcategory { id: id.to_owned() },
                    )
                })?;
                if group.is_some_and(|group| group != found.group) {
                    return Err(refuse("categorie", SearchRefusal::SubcategoryOutsideGroup));
                }
                Some(found.id)
            }
        };
        let price = match present(&self.prix) {
            None => None,
            Some("gratuit") => Some(PriceFilter::Free),
            Some("credit") => Some(PriceFilter::WithinCredit),
            Some(euros) => Some(PriceFilter::AtMost(parse_euros(euros)?)),
        };
        let when = match present(&self.quand) {
            None => None,
            Some("aujourdhui") => Some(When::Today),
            Some("semaine") => Some(When::ThisWeek),
            Some("weekend") => Some(When::ThisWeekend),
            Some("date") => Some(When::On(parse_day(present(&self.date), today)?)),
            Some(other) => {
                return Err(refuse(
                    "quand",
                    SearchRefusal::UnknownPeriod {
                        period: other.to_owned(),
                    },
                ));
            }
        };
        let area = match present(&self.rayon) {
            Some("partout") => Area::Everywhere { center: position },
            radius => {
                let radius_km = match radius {
                    None => DEFAULT_RADIUS_KM,
                    Some(text) => text
                        .parse::<u32>()
                        .ok()
                        .filter(|km| (MIN_RADIUS_KM..=MAX_RADIUS_KM).contains(km))
                        .ok_or_else(|| {
                            refuse(
                                "rayon",
                                SearchRefusal::Radius {
                                    min: MIN_RADIUS_KM,
                                    max: MAX_RADIUS_KM,
                                },
                            )
                        })?,
                };
                match position {
                    Some(center) => Area::Around { center, radius_km },
                    None => Area::Everywhere { center: None },
                }
            }
        };
        let access = parse_access(present(&self.acces))?;
        let sort = match present(&self.tri) {
            None if area.center().is_some() => Sort::Distance,
            None => Sort::Date,
            Some("distance") if area.center().is_some() => Sort::Distance,
            Some("distance") => {
                return Err(refuse("tri", SearchRefusal::DistanceWithoutPlace));
            }
            Some("date") => Sort::Date,
            Some("prix") => Sort::Price,
            Some("nouveautes") => Sort::Newest,
            Some(other) => {
                return Err(refuse(
                    "tri",
                    SearchRefusal::UnknownSort {
                        sort: other.to_owned(),
                    },
                ));
            }
        };
        let page = match present(&self.page) {
            None => 1,
            Some(text) => text
                .parse::<u32>()
                .ok()
                .filter(|page| (1..=MAX_PAGE).contains(page))
                .ok_or_else(|| refuse("page", SearchRefusal::Page { max: MAX_PAGE }))?,
        };
        Ok(Search {
            terms: terms(text),
            group,
            subcategory,
            price,
            when,
            area,
            duo_only: flag(&self.duo),
            digital_only: flag(&self.numerique),
            access,
            sort,
            page,
        })
    }

    /// The position typed in the URL, if any (`lat` and `lon` go together).
    pub fn coordinates(&self) -> Result<Option<Position>, SearchError> {
        match (present(&self.lat), present(&self.lon)) {
            (None, None) => Ok(None),
            (Some(lat), Some(lon)) => {
                let number = |field: &'static str, text: &str| {
                    text.parse::<f64>()
                        .ok()
                        .filter(|n| n.is_finite())
                        .ok_or_else(|| refuse(field, SearchRefusal::Coordinate))
                };
                Position::parse(number("lat", lat)?, number("lon", lon)?)
                    .map(Some)
                    .map_err(|error| refuse("lat", SearchRefusal::Position(error)))
            }
            _ => Err(refuse("lat", SearchRefusal::CoordinatesTogether)),
        }
    }

    /// The same search on another page (for the pager's links).
    pub fn with_page(&self, page: u32) -> SearchParams {
        SearchParams {
            page: (page > 1).then(|| page.to_string()),
            ..self.clone()
        }
    }

    /// Whether `filter` is part of this search.
    pub fn has(&self, filter: QuickFilter) -> bool {
        let (field, value) = self.quick_field(filter);
        field.as_deref() == Some(value)
    }

    /// This search with `filter` on if it was off and off if it was on, from its first
    /// page (the chips above the results).
    pub fn toggled(&self, filter: QuickFilter) -> SearchParams {
        let on = self.has(filter);
        let mut next = SearchParams {
            page: None,
            ..self.clone()
        };
        let (field, value) = next.quick_field_mut(filter);
        *field = (!on).then(|| value.to_owned());
        if matches!(filter, QuickFilter::Group(_)) {
            next.categorie = None;
        }
        next
    }

    /// `true` when the search is what "Près de moi" made: around a position, within
    /// [`NEARBY_KM`], nearest first (a venue's "around here" and the map's list link
    /// also carry a position, but not both of the others).
    pub fn is_near_device(&self) -> bool {
        present(&self.lat).is_some()
            && present(&self.lon).is_some()
            && present(&self.rayon) == Some(NEARBY_KM)
            && present(&self.tri) == Some("distance")
    }

    /// This search around the device's position ("Près de moi"): within
    /// [`NEARBY_KM`] kilometres, nearest first, from its first page. The position is
    /// rounded to about 100 metres: the address ends up in histories and shared links.
    pub fn near(&self, latitude: f64, longitude: f64) -> SearchParams {
        SearchParams {
            lat: Some(format!("{latitude:.3}")),
            lon: Some(format!("{longitude:.3}")),
            rayon: Some(NEARBY_KM.to_owned()),
            tri: Some("distance".to_owned()),
            page: None,
            ..self.clone()
        }
    }

    /// This search back around its named place, without the device's position.
    pub fn away_from_device(&self) -> SearchParams {
        SearchParams {
            lat: None,
            lon: None,
            rayon: None,
            tri: None,
            page: None,
            ..self.clone()
        }
    }

    fn quick_field(&self, filter: QuickFilter) -> (&Option<String>, &'static str) {
        match filter {
            QuickFilter::Weekend => (&self.quand, "weekend"),
            QuickFilter::Free => (&self.prix, "gratuit"),
            QuickFilter::Duo => (&self.duo, "1"),
            QuickFilter::Group(group) => (&self.groupe, group.key()),
        }
    }

    fn quick_field_mut(&mut self, filter: QuickFilter) -> (&mut Option<String>, &'static str) {
        match filter {
            QuickFilter::Weekend => (&mut self.quand, "weekend"),
            QuickFilter::Free => (&mut self.prix, "gratuit"),
            QuickFilter::Duo => (&mut self.duo, "1"),
            QuickFilter::Group(group) => (&mut self.groupe, group.key()),
        }
    }

    /// The query string of this search, without empty fields, for links.
    pub fn to_query_string(&self) -> String {
        let pairs = [
            ("q", &self.q),
            ("groupe", &self.groupe),
            ("categorie", &self.categorie),
            ("prix", &self.prix),
            ("quand", &self.quand),
            ("date", &self.date),
            ("rayon", &self.rayon),
            ("duo", &self.duo),
            ("numerique", &self.numerique),
            ("acces", &self.acces),
            ("tri", &self.tri),
            ("page", &self.page),
            ("lieu", &self.lieu),
            ("lat", &self.lat),
            ("lon", &self.lon),
        ];
        pairs
            .into_iter()
            .filter_map(|(key, value)| {
                present(value).map(|value| format!("{key}={}", encode_component(value)))
            })
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// Percent-encodes a query-string value (RFC 3986 unreserved characters kept).
pub fn encode_component(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

fn parse_euros(text: &str) -> Result<Cents, SearchError> {
    Cents::parse_euros(text)
        .filter(|amount| *amount <= crate::money::MAX_STOCK_PRICE)
        .ok_or_else(|| refuse("prix", SearchRefusal::Price))
}

fn parse_day(text: Option<&str>, today: NaiveDate) -> Result<NaiveDate, SearchError> {
    let text = text.ok_or_else(|| refuse("date", SearchRefusal::NoDate))?;
    let day = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| refuse("date", SearchRefusal::DateFormat))?;
    if day < today {
        return Err(refuse("date", SearchRefusal::PastDate));
    }
    if day > today + Duration::days(MAX_DAYS_AHEAD) {
        return Err(refuse("date", SearchRefusal::DateTooFar));
    }
    Ok(day)
}

fn parse_access(text: Option<&str>) -> Result<NeedsAccess, SearchError> {
    let mut access = NeedsAccess::default();
    for word in text
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|w| !w.is_empty())
    {
        match word {
            "audio" => access.audio = true,
            "mental" => access.mental = true,
            "moteur" => access.motor = true,
            "visuel" => access.visual = true,
            other => {
                return Err(refuse(
                    "acces",
                    SearchRefusal::UnknownAccess {
                        need: other.to_owned(),
                    },
                ));
            }
        }
    }
    Ok(access)
}

/// The local days `[first, last]` a period covers, seen from `today`. The week ends on
/// Sunday; on a Sunday "this weekend" is today only.
pub fn days(when: When, today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let sunday = today + Duration::days(6 - i64::from(today.weekday().num_days_from_monday()));
    match when {
        When::Today => (today, today),
        When::ThisWeek => (today, sunday),
        When::ThisWeekend => {
            let saturday = sunday - Duration::days(1);
            (today.max(saturday), sunday)
        }
        When::On(day) => (day, day),
    }
}

/// The subcategories of a group (for the form's second select).
pub fn subcategories_of(group: SearchGroup) -> impl Iterator<Item = &'static Subcategory> {
    SUBCATEGORIES.iter().filter(move |s| s.group == group)
}

/// `true` on Saturday and Sunday.
pub fn is_weekend(day: NaiveDate) -> bool {
    matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("valid")
    }

    const THURSDAY: &str = "2026-11-26";

    fn parse(params: SearchParams) -> Result<Search, SearchError> {
        let here = Position::parse(48.57, 7.75).expect("valid");
        params.parse(Some(here), day(THURSDAY))
    }

    #[test]
    fn an_empty_form_searches_around_me_within_fifty_km_by_distance() {
        let search = parse(SearchParams::default()).expect("valid");
        assert_eq!(search.page, 1);
        assert_eq!(search.sort, Sort::Distance);
        assert!(matches!(search.area, Area::Around { radius_km: 50, .. }));
        assert!(search.terms.is_empty());
    }

    #[test]
    fn without_a_position_the_search_covers_everywhere_sorted_by_date() {
        let search = SearchParams::default()
            .parse(None, day(THURSDAY))
            .expect("valid");
        assert_eq!(search.area, Area::Everywhere { center: None });
        assert_eq!(search.sort, Sort::Date);
        let refused = SearchParams {
            tri: Some("distance".into()),
            ..Default::default()
        }
        .parse(None, day(THURSDAY))
        .expect_err("refused");
        assert_eq!(refused.field, "tri");
    }

    #[test]
    fn the_radius_is_between_one_and_a_hundred_km_or_everywhere() {
        for bad in ["0", "101", "-5", "abc", "1e9"] {
            let error = parse(SearchParams {
                rayon: Some(bad.into()),
                ..Default::default()
            });
            assert_eq!(error.expect_err("refused").field, "rayon", "{bad}");
        }
        let search = parse(SearchParams {
            rayon: Some("100".into()),
            ..Default::default()
        });
        assert!(matches!(
            search.expect("valid").area,
            Area::Around { radius_km: 100, .. }
        ));
        let search = parse(SearchParams {
            rayon: Some("partout".into()),
            ..Default::default()
        });
        assert!(matches!(
            search.expect("valid").area,
            Area::Everywhere { center: Some(_) }
        ));
    }

    #[test]
    fn a_query_over_a_hundred_characters_is_refused() {
        let long = "a".repeat(MAX_QUERY_CHARS + 1);
        let error = parse(SearchParams {
            q: Some(long),
            ..Default::default()
        })
        .expect_err("refused");
        assert_eq!(error.field, "q");
        assert_eq!(
            error.reason,
            SearchRefusal::QueryTooLong {
                max: MAX_QUERY_CHARS
            }
        );
        assert_eq!(
            error.to_string(),
            "La recherche est limitée à 100 caractères",
            "the log says the French"
        );
        assert!(
            parse(SearchParams {
                q: Some("é".repeat(MAX_QUERY_CHARS)),
                ..Default::default()
            })
            .is_ok()
        );
    }

    #[test]
    fn a_chip_turns_its_filter_on_then_off_from_the_first_page() {
        let search = SearchParams {
            q: Some("jazz".into()),
            page: Some("3".into()),
            categorie: Some("LIVRE_PAPIER".into()),
            ..SearchParams::default()
        };
        let weekend = search.toggled(QuickFilter::Weekend);
        assert!(weekend.has(QuickFilter::Weekend));
        assert_eq!(weekend.page, None);
        assert_eq!(weekend.q.as_deref(), Some("jazz"));
        assert!(
            !weekend
                .toggled(QuickFilter::Weekend)
                .has(QuickFilter::Weekend)
        );
        let cinema = search.toggled(QuickFilter::Group(SearchGroup::Cinema));
        assert_eq!(cinema.groupe.as_deref(), Some("cinema"));
        assert_eq!(
            cinema.categorie, None,
            "a subcategory of another group goes"
        );
        assert_eq!(
            SearchParams::default()
                .toggled(QuickFilter::Free)
                .to_query_string(),
            "prix=gratuit"
        );
    }

    #[test]
    fn near_me_searches_around_the_device_nearest_first_and_back() {
        let search = SearchParams {
            q: Some("jazz".into()),
            lieu: Some("strasbourg".into()),
            page: Some("2".into()),
            ..SearchParams::default()
        };
        assert!(!search.is_near_device());
        let near = search.near(48.583_12, 7.745_67);
        assert!(near.is_near_device());
        assert_eq!(
            near.to_query_string(),
            "q=jazz&rayon=5&tri=distance&lieu=strasbourg&lat=48.583&lon=7.746"
        );
        // The map's list link and a venue's "around here" carry a position too.
        let around_a_venue = SearchParams {
            lat: Some("48.58".into()),
            lon: Some("7.75".into()),
            rayon: Some("5".into()),
            ..SearchParams::default()
        };
        assert!(!around_a_venue.is_near_device());
        assert_eq!(
            near.away_from_device().to_query_string(),
            "q=jazz&lieu=strasbourg"
        );
    }

    #[test]
    fn query_terms_keep_only_letters_and_digits_so_no_index_syntax_gets_through() {
        assert_eq!(
            terms("  Théâtre\"* OR -NEAR(x) l'été 2026 "),
            ["théâtre", "or", "near", "x", "l", "été", "2026"]
        );
        assert_eq!(terms("a b c d e f g h i j").len(), MAX_TERMS);
        assert!(terms("\"*()-:^").is_empty());
        assert_eq!(
            terms("dʼétéː"),
            vec!["d", "été"],
            "modifier letters separate words"
        );
    }

    #[test]
    fn lower_casing_a_query_brings_no_combining_mark_into_its_terms() {
        // Found by the property tests: "İ" lower-cases to "i" followed by U+0307.
        assert_eq!(terms("İstanbul İ"), ["istanbul", "i"]);
        assert!(
            terms("İ")
                .iter()
                .flat_map(|t| t.chars())
                .all(char::is_alphanumeric)
        );
    }

    #[test]
    fn unknown_groups_subcategories_sorts_and_periods_are_refused_with_their_field() {
        let cases = [
            (
                SearchParams {
                    groupe: Some("opera".into()),
                    ..Default::default()
                },
                "groupe",
            ),
            (
                SearchParams {
                    categorie: Some("NOPE".into()),
                    ..Default::default()
                },
                "categorie",
            ),
            (
                SearchParams {
                    tri: Some("hasard".into()),
                    ..Default::default()
                },
                "tri",
            ),
            (
                SearchParams {
                    quand: Some("hier".into()),
                    ..Default::default()
                },
                "quand",
            ),
            (
                SearchParams {
                    acces: Some("audio,odorat".into()),
                    ..Default::default()
                },
                "acces",
            ),
            (
                SearchParams {
                    page: Some("0".into()),
                    ..Default::default()
                },
                "page",
            ),
            (
                SearchParams {
                    page: Some("51".into()),
                    ..Default::default()
                },
                "page",
            ),
            (
                SearchParams {
                    prix: Some("301".into()),
                    ..Default::default()
                },
                "prix",
            ),
            (
                SearchParams {
                    prix: Some("NaN".into()),
                    ..Default::default()
                },
                "prix",
            ),
        ];
        for (params, field) in cases {
            assert_eq!(
                parse(params.clone()).expect_err("refused").field,
                field,
                "{params:?}"
            );
        }
        let refused = parse(SearchParams {
            acces: Some("audio,odorat".into()),
            ..Default::default()
        })
        .expect_err("refused");
        assert_eq!(
            refused.reason,
            SearchRefusal::UnknownAccess {
                need: "odorat".into()
            }
        );
        assert_eq!(refused.to_string(), "Accessibilité inconnue : odorat");
    }

    #[test]
    fn a_subcategory_must_belong_to_the_chosen_group() {
        let error = parse(SearchParams {
            groupe: Some("livres".into()),
            categorie: Some("SEANCE_CINE".into()),
            ..Default::default()
        });
        assert_eq!(error.expect_err("refused").field, "categorie");
        let search = parse(SearchParams {
            groupe: Some("cinema".into()),
            categorie: Some("SEANCE_CINE".into()),
            ..Default::default()
        });
        assert_eq!(search.expect("valid").subcategory, Some("SEANCE_CINE"));
    }

    #[test]
    fn prices_read_as_free_within_credit_or_a_maximum_in_euros() {
        let price = |text: &str| {
            parse(SearchParams {
                prix: Some(text.into()),
                ..Default::default()
            })
            .expect("valid")
            .price
        };
        assert_eq!(price("gratuit"), Some(PriceFilter::Free));
        assert_eq!(price("credit"), Some(PriceFilter::WithinCredit));
        assert_eq!(price("12,50"), Some(PriceFilter::AtMost(Cents(1250))));
        assert_eq!(price("20"), Some(PriceFilter::AtMost(Cents(2000))));
    }

    #[test]
    fn accessibility_needs_are_a_comma_separated_list() {
        let search = parse(SearchParams {
            acces: Some("moteur,visuel".into()),
            ..Default::default()
        })
        .expect("valid");
        assert_eq!(
            search.access,
            NeedsAccess {
                motor: true,
                visual: true,
                ..Default::default()
            }
        );
    }

    #[test]
    fn a_chosen_date_is_today_or_within_the_coming_year() {
        let on = |text: &str| {
            parse(SearchParams {
                quand: Some("date".into()),
                date: Some(text.into()),
                ..Default::default()
            })
        };
        assert_eq!(
            on("2026-12-24").expect("valid").when,
            Some(When::On(day("2026-12-24")))
        );
        assert_eq!(on("2026-11-25").expect_err("refused").field, "date");
        assert_eq!(on("2028-01-01").expect_err("refused").field, "date");
        assert_eq!(on("24/12/2026").expect_err("refused").field, "date");
    }

    #[test]
    fn periods_cover_today_the_rest_of_the_week_or_the_weekend() {
        let thursday = day(THURSDAY);
        assert_eq!(days(When::Today, thursday), (thursday, thursday));
        assert_eq!(
            days(When::ThisWeek, thursday),
            (thursday, day("2026-11-29"))
        );
        assert_eq!(
            days(When::ThisWeekend, thursday),
            (day("2026-11-28"), day("2026-11-29"))
        );
        let sunday = day("2026-11-29");
        assert_eq!(days(When::ThisWeekend, sunday), (sunday, sunday));
        assert_eq!(days(When::ThisWeek, sunday), (sunday, sunday));
        assert!(is_weekend(sunday) && !is_weekend(thursday));
    }

    #[test]
    fn coordinates_go_together_and_stay_on_the_earth() {
        let with = |lat: &str, lon: &str| SearchParams {
            lat: Some(lat.into()),
            lon: Some(lon.into()),
            ..Default::default()
        };
        assert!(with("48.5", "7.7").coordinates().expect("valid").is_some());
        assert_eq!(
            with("91", "7").coordinates().expect_err("refused").field,
            "lat"
        );
        assert_eq!(
            with("inf", "7").coordinates().expect_err("refused").field,
            "lat"
        );
        assert_eq!(
            with("91", "7").coordinates().expect_err("refused").reason,
            SearchRefusal::Position(PositionError::Latitude)
        );
        assert_eq!(
            with("inf", "7").coordinates().expect_err("refused").reason,
            SearchRefusal::Coordinate
        );
        let half = SearchParams {
            lat: Some("48".into()),
            ..Default::default()
        };
        assert_eq!(
            half.coordinates().expect_err("refused").reason,
            SearchRefusal::CoordinatesTogether
        );
        assert_eq!(SearchParams::default().coordinates(), Ok(None));
    }

    #[test]
    fn the_query_string_round_trips_through_the_url() {
        let params = SearchParams {
            q: Some("l'été à Paris".into()),
            prix: Some("gratuit".into()),
            page: Some("2".into()),
            ..Default::default()
        };
        assert_eq!(
            params.to_query_string(),
            "q=l%27%C3%A9t%C3%A9%20%C3%A0%20Paris&prix=gratuit&page=2"
        );
        assert_eq!(params.with_page(1).page, None);
    }
}
