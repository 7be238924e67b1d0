//! Search latency in the database: "near me with filters" and the map's clusters, over
//! `BENCH_QUERIES` (1 000) random centres in metropolitan France, one query at a time,
//! against a database already seeded by `server seed bench --offers N` (`scripts/bench
//! search` does it for 10 000, 100 000 and 1 000 000 offers).
//!
//! `BENCH_SEARCH_URL=sqlite://... cargo bench -p store --bench search` (or postgres://).
//! Prints p50 and p99 per query kind, and how many rows the queries returned.

use chrono::Utc;
use domain::catalogue::SearchGroup;
use domain::cluster::{VenuePoint, Viewport, group};
use domain::geo::Position;
use domain::search::{PAGE_SIZE, subcategories_of};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use std::time::{Duration, Instant};
use store::*;

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index].as_secs_f64() * 1000.0
}

fn report(name: &str, mut times: Vec<Duration>, rows: usize) {
    times.sort();
    println!(
        "{name:<44} p50 {:>6.2} ms   p99 {:>6.2} ms   ({} queries, {:.1} rows each)",
        percentile(&times, 0.5),
        percentile(&times, 0.99),
        times.len(),
        rows as f64 / times.len() as f64
    );
}

fn random_centre(rng: &mut StdRng) -> Position {
    // Where `server seed bench` puts its venues.
    Position {
        latitude: rng.random_range(42.5..51.0),
        longitude: rng.random_range(-4.5..8.0),
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let url = std::env::var("BENCH_SEARCH_URL")
        .map_err(|_| "set BENCH_SEARCH_URL to a database seeded by `server seed bench`")?;
    let queries: usize = std::env::var("BENCH_QUERIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let repo = connect(&url, 4).await?;
    repo.migrate().await?;
    let offers = repo.count_offers().await?;
    println!("{offers} offers, {queries} random centres, one query at a time");
    let mut rng = StdRng::seed_from_u64(7);
    let now = Utc::now();
    let concerts: Vec<String> = subcategories_of(SearchGroup::ConcertsFestivals)
        .map(|s| s.id.to_owned())
        .collect();

    // Warm the caches (a server runs warm).
    for _ in 0..50 {
        let search = OfferSearch::around(Some(random_centre(&mut rng)), Some(50.0), now);
        repo.search_offers(&search).await?;
    }

    let (mut near, mut near_rows) = (Vec::new(), 0);
    let (mut filtered, mut filtered_rows) = (Vec::new(), 0);
    for _ in 0..queries {
        let centre = random_centre(&mut rng);
        let plain = OfferSearch {
            limit: i64::from(PAGE_SIZE) + 1,
            ..OfferSearch::around(Some(centre), Some(50.0), now)
        };
        let started = Instant::now();
        near_rows += repo.search_offers(&plain).await?.len();
        near.push(started.elapsed());

        let with_filters = OfferSearch {
            subcategories: concerts.clone(),
            max_price_cents: Some(2000),
            ..plain
        };
        let started = Instant::now();
        filtered_rows += repo.search_offers(&with_filters).await?.len();
        filtered.push(started.elapsed());
    }
    report("near me (50 km, nearest 21)", near, near_rows);
    let (mut everywhere, mut everywhere_rows) = (Vec::new(), 0);
    for page in 0..queries.min(200) as i64 {
        let by_date = OfferSearch {
            subcategories: concerts.clone(),
            limit: i64::from(PAGE_SIZE) + 1,
            offset: (page % 50) * i64::from(PAGE_SIZE),
            ..OfferSearch::around(None, None, now)
        };
        let started = Instant::now();
        everywhere_rows += repo.search_offers(&by_date).await?.len();
        everywhere.push(started.elapsed());
    }
    report(
        "near me + concerts & festivals + ≤ 20 €",
        filtered,
        filtered_rows,
    );
    report(
        "everywhere, concerts by date, pages 1-50",
        everywhere,
        everywhere_rows,
    );

    let (mut zoomed_out, mut out_rows) = (Vec::new(), 0);
    let (mut zoomed_in, mut in_rows) = (Vec::new(), 0);
    for _ in 0..queries {
        let centre = random_centre(&mut rng);
        let zoom = rng.random_range(5..=15);
        let viewport = Viewport::around(centre, zoom, 400, 800)?;
        let started = Instant::now();
        if viewport.uses_stored_cells() {
            out_rows += repo.offer_cells(viewport.cells()).await?.len();
            zoomed_out.push(started.elapsed());
        } else {
            let venues = repo.venues_within(viewport.bounds, now, 5_000).await?;
            let points: Vec<VenuePoint> = venues.iter().map(VenuePointRow::point).collect();
            in_rows += group(&points, viewport.level()).len();
            zoomed_in.push(started.elapsed());
        }
    }
    report("clusters, zoom 5-11 (counted cells)", zoomed_out, out_rows);
    report("clusters, zoom 12-15 (venues grouped)", zoomed_in, in_rows);
    Ok(())
}
