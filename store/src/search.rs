//! The search queries, built once for both backends over the `offer_search` index
//! (migration 0007). Only two fragments differ, and each backend says how it writes them
//! ([`SearchSql`]): "inside this box" (SQLite's R*Tree, PostgreSQL's GiST on points) and
//! "matching these words" (FTS5, French full text). Every other filter is plain SQL over
//! the index's columns, with bound values only.
//!
//! Digital offers are read anywhere: a search around a place counts them in whatever its
//! radius (after the places, nearest first), as pass Culture does.

use crate::backend::Db;
use crate::models::OfferSearch;
use domain::geo::BoundingBox;
use domain::search::Sort;
use sqlx::{Database, QueryBuilder};

/// Seconds since the epoch, as the database stores them.
fn seconds(at: chrono::DateTime<chrono::Utc>) -> i64 {
    crate::time::to_db(at)
}

/// What each backend writes its own way.
pub trait SearchSql: Database + Sized {
    /// A condition: the offer `os` lies inside `area`, or is digital when `or_digital`.
    fn push_within(query: &mut QueryBuilder<Self>, area: BoundingBox, or_digital: bool);
    /// A condition: the offer `os` matches every word (as a prefix, accents folded).
    fn push_matching(query: &mut QueryBuilder<Self>, terms: &[String]);
}

impl SearchSql for sqlx::Sqlite {
    fn push_within(query: &mut QueryBuilder<Self>, area: BoundingBox, or_digital: bool) {
        query
            .push(" AND os.offer_id IN (SELECT offer_id FROM offer_search_position WHERE max_latitude >= ")
            .push_bind(area.south)
            .push(" AND min_latitude <= ")
            .push_bind(area.north)
            .push(" AND max_longitude >= ")
            .push_bind(area.west)
            .push(" AND min_longitude <= ")
            .push_bind(area.east);
        if or_digital {
            // A union keeps both halves on an index (the R*Tree, offer_search_digital).
            query.push(" UNION ALL SELECT offer_id FROM offer_search WHERE is_digital = TRUE");
        }
        query.push(")");
    }

    fn push_matching(query: &mut QueryBuilder<Self>, terms: &[String]) {
        // Terms are letters and digits only (domain::search::terms): quoting is enough.
        let expression = terms
            .iter()
            .map(|term| format!("\"{term}\"*"))
            .collect::<Vec<_>>()
            .join(" ");
        query
            .push(" AND os.offer_id IN (SELECT rowid FROM offer_search_text WHERE offer_search_text MATCH ")
            .push_bind(expression)
            .push(")");
    }
}

impl SearchSql for sqlx::Postgres {
    fn push_within(query: &mut QueryBuilder<Self>, area: BoundingBox, or_digital: bool) {
        query
            .push(" AND (point(os.longitude, os.latitude) <@ box(point(")
            .push_bind(area.west)
            .push(", ")
            .push_bind(area.south)
            .push("), point(")
            .push_bind(area.east)
            .push(", ")
            .push_bind(area.north)
            .push("))");
        if or_digital {
            query.push(" OR os.is_digital = TRUE");
        }
        query.push(")");
    }

    fn push_matching(query: &mut QueryBuilder<Self>, terms: &[String]) {
        // The words become lexemes through PostgreSQL's own parser (accents folded,
        // French stems), and each lexeme is quoted (quotes and backslashes doubled) into
        // a prefix query. Folded text never reaches `to_tsquery`'s syntax: `unaccent`
        // turns some letters into it (ʼ into a quote, ⑴ into parentheses, ː into a
        // colon), which was an error. No lexeme at all matches nothing.
        query
            .push(
                r#" AND os.document @@ COALESCE((SELECT string_agg(
                    '''' || replace(replace(lexeme, '\', '\\'), '''', '''''') || ''':*', ' & '
                )::tsquery FROM unnest(to_tsvector('french', unaccent("#,
            )
            .push_bind(terms.join(" "))
            .push(")))), ''::tsquery)");
    }
}

/// How far from its centre a search looks.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Reach {
    pub radius_km: f64,
    /// Whether digital offers count in. The caller widens the circle step by step (a
    /// small one answers most "near me" pages); only its last circle counts them, so that
    /// a page filled inside a smaller one is still the nearest places.
    pub with_digital: bool,
}

/// The offers of a search, within `reach` of its centre when it has one.
pub(crate) fn offers<DB: Db>(search: &OfferSearch, reach: Option<Reach>) -> QueryBuilder<DB> {
    let now = seconds(search.now);
    let mut query = QueryBuilder::new(concat!(
        "SELECT ",
        crate::columns::card_columns!(),
        " FROM offer_search os WHERE os.bookable_until > "
    ));
    query.push_bind(now);
    if let (Some(center), Some(reach)) = (search.center, reach) {
        DB::push_within(
            &mut query,
            center.bounding_box(reach.radius_km),
            reach.with_digital,
        );
        let degrees = reach.radius_km / 111.195;
        query.push(" AND (");
        if reach.with_digital {
            query.push("os.is_digital = TRUE OR ");
        }
        push_squared_distance(&mut query, center);
        query.push(" <= ").push_bind(degrees * degrees).push(")");
    }
    if !search.terms.is_empty() {
        DB::push_matching(&mut query, &search.terms);
    }
    if !search.subcategories.is_empty() {
        query.push(" AND os.subcategory IN (");
        let mut list = query.separated(", ");
        for id in &search.subcategories {
            list.push_bind(id.clone());
        }
        query.push(")");
    }
    if let Some(max) = search.max_price_cents {
        query.push(" AND os.min_price_cents <= ").push_bind(max);
    }
    if search.duo_only {
        query.push(" AND os.is_duo = TRUE");
    }
    if search.digital_only {
        query.push(" AND os.is_digital = TRUE");
    }
    for (needed, column) in [
        (search.access.audio, "audio_accessible"),
        (search.access.mental, "mental_accessible"),
        (search.access.motor, "motor_accessible"),
        (search.access.visual, "visual_accessible"),
    ] {
        if needed {
            query.push(format!(" AND os.{column} = TRUE"));
        }
    }
    if let Some((from, until)) = search.starts_between {
        query
            .push(
                " AND EXISTS (SELECT 1 FROM stocks s WHERE s.offer_id = os.offer_id \
                 AND s.is_deleted = FALSE AND (s.quantity IS NULL OR s.booked < s.quantity) \
                 AND COALESCE(s.booking_limit_at, s.begins_at) > ",
            )
            .push_bind(now)
            .push(" AND s.begins_at >= ")
            .push_bind(seconds(from))
            .push(" AND s.begins_at < ")
            .push_bind(seconds(until))
            .push(")");
    }
    match (search.sort, search.center) {
        (Sort::Distance, Some(center)) => {
            query.push(" ORDER BY CASE WHEN os.latitude IS NULL THEN 1 ELSE 0 END, ");
            push_squared_distance(&mut query, center);
            query.push(", os.offer_id");
        }
        (Sort::Price, _) => {
            query.push(" ORDER BY os.min_price_cents, os.offer_id");
        }
        (Sort::Newest, _) => {
            query.push(" ORDER BY os.created_at DESC, os.offer_id DESC");
        }
        // Events by their next date, then things (always available).
        (Sort::Date | Sort::Distance, _) => {
            query.push(" ORDER BY COALESCE(os.next_begins_at, 253402300799), os.offer_id");
        }
    }
    query
        .push(" LIMIT ")
        .push_bind(search.limit)
        .push(" OFFSET ")
        .push_bind(search.offset);
    query
}

/// The venues with bookable offers inside a box, with their offer counts (the map,
/// zoomed in).
pub(crate) fn venues_within<DB: Db>(
    area: BoundingBox,
    now: chrono::DateTime<chrono::Utc>,
    limit: i64,
) -> QueryBuilder<DB> {
    let mut query = QueryBuilder::new(
        "SELECT os.venue_id, MIN(os.latitude) AS latitude, MIN(os.longitude) AS longitude, \
         COUNT(*) AS offers FROM offer_search os WHERE os.bookable_until > ",
    );
    query.push_bind(seconds(now));
    DB::push_within(&mut query, area, false);
    query
        .push(" GROUP BY os.venue_id ORDER BY os.venue_id LIMIT ")
        .push_bind(limit);
    query
}

/// The squared equirectangular distance from `center` to the offer `os`, in degrees of
/// latitude squared: within 0.5 % of the great circle under 100 km.
fn push_squared_distance<DB: Db>(query: &mut QueryBuilder<DB>, center: domain::geo::Position) {
    query
        .push("(os.latitude - ")
        .push_bind(center.latitude)
        .push(") * (os.latitude - ")
        .push_bind(center.latitude)
        .push(") + (os.longitude - ")
        .push_bind(center.longitude)
        .push(") * (os.longitude - ")
        .push_bind(center.longitude)
        .push(") * ")
        .push_bind(longitude_scale(center.latitude));
}

/// How much a degree of longitude is worth, squared, against a degree of latitude.
fn longitude_scale(latitude: f64) -> f64 {
    latitude.to_radians().cos().powi(2)
}
