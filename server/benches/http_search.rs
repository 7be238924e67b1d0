//! Search latency over HTTP, against a running server on a database seeded by `server
//! seed bench` (`scripts/bench search` starts one per size and backend): the search API
//! ("near me with filters") and the map API (clusters of a phone-sized view), over
//! `BENCH_QUERIES` (1 000) random centres, one request at a time on a kept-alive
//! connection, so the figures are latencies, not throughput.

use domain::cluster::Viewport;
use domain::geo::Position;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use std::time::{Duration, Instant};

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index].as_secs_f64() * 1000.0
}

fn report(name: &str, mut times: Vec<Duration>) {
    times.sort();
    println!(
        "{name:<44} p50 {:>6.2} ms   p99 {:>6.2} ms   ({} requests)",
        percentile(&times, 0.5),
        percentile(&times, 0.99),
        times.len()
    );
}

fn random_centre(rng: &mut StdRng) -> Position {
    Position {
        latitude: rng.random_range(42.5..51.0),
        longitude: rng.random_range(-4.5..8.0),
    }
}

async fn timed(
    client: &reqwest::Client,
    url: &str,
) -> Result<Duration, Box<dyn std::error::Error>> {
    let started = Instant::now();
    let answer = client.get(url).send().await?;
    let status = answer.status();
    let body = answer.bytes().await?;
    if !status.is_success() {
        return Err(format!("{url}: {status} {}", String::from_utf8_lossy(&body)).into());
    }
    Ok(started.elapsed())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let base = std::env::var("BENCH_URL").unwrap_or_else(|_| "http://127.0.0.1:3400".to_owned());
    let queries: usize = std::env::var("BENCH_QUERIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let client = reqwest::Client::builder().tcp_nodelay(true).build()?;
    let mut rng = StdRng::seed_from_u64(11);
    let search = |p: Position| {
        format!(
            "{base}/api/search?params[lat]={:.5}&params[lon]={:.5}&params[groupe]=concerts-festivals&params[prix]=20",
            p.latitude, p.longitude
        )
    };
    for _ in 0..50 {
        timed(&client, &search(random_centre(&mut rng))).await?;
    }

    let mut near = Vec::new();
    for _ in 0..queries {
        near.push(timed(&client, &search(random_centre(&mut rng))).await?);
    }
    report("GET /api/search (50 km, 2 filters)", near);

    let (mut zoomed_out, mut zoomed_in) = (Vec::new(), Vec::new());
    for _ in 0..queries {
        let zoom = rng.random_range(5..=15);
        let view = Viewport::around(random_centre(&mut rng), zoom, 400, 800)?;
        let b = view.bounds;
        let url = format!(
            "{base}/api/map_features?south={:.5}&west={:.5}&north={:.5}&east={:.5}&zoom={zoom}",
            b.south, b.west, b.north, b.east
        );
        let took = timed(&client, &url).await?;
        if view.uses_stored_cells() {
            zoomed_out.push(took);
        } else {
            zoomed_in.push(took);
        }
    }
    report("GET /api/map_features, zoom 5-11", zoomed_out);
    report("GET /api/map_features, zoom 12-15", zoomed_in);
    Ok(())
}
