//! Booking throughput over HTTP, against a running server (`scripts/bench` starts one
//! on a database seeded with `server seed bench`, whose offer n has stock n).
//!
//! 64 clients (`BENCH_CLIENTS`) sign up through `/api/sign_up` (the demo identity check
//! grants 500 €), then each calls `POST /api/book` on `BENCH_ATTEMPTS` (40) stocks drawn
//! from 1..=`BENCH_OFFERS` (2000), as fast as it can. Refusals (sold out, credit spent)
//! are answers too: both are counted, with the latency of every request.

use rand::seq::SliceRandom;
use std::time::{Duration, Instant};

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let base = std::env::var("BENCH_URL").unwrap_or_else(|_| "http://127.0.0.1:3400".to_owned());
    let clients = env_number("BENCH_CLIENTS", 64);
    let attempts = env_number("BENCH_ATTEMPTS", 40);
    let offers = env_number("BENCH_OFFERS", 2000);
    let run = chrono::Utc::now().timestamp();

    let mut sessions = Vec::new();
    for i in 0..clients {
        let client = reqwest::Client::builder().cookie_store(true).build()?;
        let form = [
            ("account[email]", format!("bench{run}.{i}@example.org")),
            (
                "account[password]",
                "une phrase de passe de banc".to_owned(),
            ),
            ("account[first_name]", "Banc".to_owned()),
            ("account[last_name]", "Essai".to_owned()),
            ("account[birth_date]", "2008-01-15".to_owned()),
            ("account[departement]", "67".to_owned()),
        ];
        let answer = client
            .post(format!("{base}/api/sign_up"))
            .form(&form)
            .send()
            .await?;
        if !answer.status().is_success() {
            return Err(format!(
                "sign-up refused: {} {}",
                answer.status(),
                answer.text().await?
            )
            .into());
        }
        sessions.push(client);
    }

    let started = Instant::now();
    let tasks: Vec<_> = sessions
        .into_iter()
        .map(|client| {
            let base = base.clone();
            let mut stocks: Vec<usize> = (1..=offers).collect();
            stocks.shuffle(&mut rand::rng());
            stocks.truncate(attempts);
            tokio::spawn(async move {
                let mut results: Vec<(Duration, u16)> = Vec::with_capacity(stocks.len());
                for stock in stocks {
                    let t = Instant::now();
                    let form = [
                        ("stock_id", stock.to_string()),
                        ("quantity", "1".to_owned()),
                    ];
                    let status = client
                        .post(format!("{base}/api/book"))
                        .form(&form)
                        .send()
                        .await?
                        .status();
                    results.push((t.elapsed(), status.as_u16()));
                }
                Ok::<_, reqwest::Error>(results)
            })
        })
        .collect();
    let mut results = Vec::new();
    for task in tasks {
        results.extend(task.await??);
    }
    let elapsed = started.elapsed().as_secs_f64();
    let booked = results.iter().filter(|(_, s)| *s == 200).count();
    let refused = results.iter().filter(|(_, s)| *s == 409).count();
    let other = results.len() - booked - refused;
    let mut latencies: Vec<Duration> = results.iter().map(|(d, _)| *d).collect();
    latencies.sort();
    let pct = |p: f64| {
        latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)].as_secs_f64()
            * 1e3
    };
    println!(
        "HTTP {base}: {} requests by {clients} clients in {elapsed:.2} s = {:.0} req/s; {booked} booked ({:.0}/s), {refused} refused (409), {other} other; latency p50 {:.2} ms, p99 {:.2} ms",
        results.len(),
        results.len() as f64 / elapsed,
        booked as f64 / elapsed,
        pct(0.50),
        pct(0.99),
    );
    if other > 0 {
        return Err(format!("{other} requests failed").into());
    }
    Ok(())
}
