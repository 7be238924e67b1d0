//! Booking throughput at the service level: `clients` concurrent tasks book through the
//! repository (the same transaction the API runs), every booking durable (SQLite
//! `synchronous=FULL`, PostgreSQL's default synchronous commit). Prints bookings per
//! second and latency percentiles, then checks the invariants: seats taken equal
//! bookings, every wallet equals its ledger.
//!
//! `cargo bench -p store --bench booking` (SQLite), with `BENCH_DATABASE_URL=postgres://...`
//! for PostgreSQL (a fresh database is created on that server and dropped after).
//! `BENCH_CLIENTS` (64) and `BENCH_BOOKINGS_PER_CLIENT` (200) size the run.

use chrono::{Duration, NaiveDate, Utc};
use domain::Cents;
use domain::account::Role;
use domain::identifiers::Siren;
use domain::pro::offer::{OfferForm, VenueKind};
use domain::pro::venue::VenueForm;
use domain::text::Email;
use rand::seq::SliceRandom;
use sqlx::Connection;
use std::time::Instant;
use store::*;

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let clients = env_number("BENCH_CLIENTS", 64);
    let per_client = env_number("BENCH_BOOKINGS_PER_CLIENT", 200);
    let dir = tempfile::tempdir()?;
    let (url, cleanup) = match std::env::var("BENCH_DATABASE_URL") {
        Ok(admin) => {
            let name = format!("cp_bench_{}", Utc::now().timestamp());
            let mut conn = sqlx::PgConnection::connect(&admin).await?;
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .execute(&mut conn)
                .await?;
            let base = admin
                .rsplit_once('/')
                .map_or(admin.as_str(), |(b, _)| b)
                .to_owned();
            (format!("{base}/{name}"), Some((admin, name)))
        }
        Err(_) => (
            format!("sqlite://{}", dir.path().join("bench.db").display()),
            None,
        ),
    };
    let backend = if cleanup.is_some() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    let repo = connect(&url, 32).await?;
    repo.migrate().await?;

    // One partner, one venue, enough offers for every client to book `per_client`
    // different ones (shuffled per client: clients collide on the same stocks).
    let now = Utc::now();
    let policy = repo
        .ensure_policy(&domain::credit::preset("FR-2019").ok_or("preset")?, now)
        .await?;
    // The partner's own path: registered, validated, a venue, offers published.
    let person = |email: &str, role: Role| -> Result<NewUser, Box<dyn std::error::Error>> {
        Ok(NewUser {
            email: Email::parse(email)?,
            password_hash: "x".into(),
            first_name: "B".into(),
            last_name: "B".into(),
            role,
            birth_date: None,
            departement: None,
        })
    };
    let partner = repo
        .create_user(&person("partner@example.org", Role::Partner)?, now)
        .await?;
    let admin = repo
        .create_user(&person("admin@example.org", Role::Admin)?, now)
        .await?;
    let structure = repo
        .register_structure(partner, "Bench", &Siren::parse("519037584")?, now)
        .await?;
    repo.decide_structure(structure, true, admin, now).await?;
    let venue = VenueForm {
        name: "Bench".into(),
        no_siret_reason: "Lieu de mesure, sans SIRET".into(),
        venue_type: "SALLE_SPECTACLE".into(),
        address: "1 rue".into(),
        postal_code: "67000".into(),
        city: "Strasbourg".into(),
        latitude: "48.58".into(),
        longitude: "7.75".into(),
        ..VenueForm::default()
    }
    .parse()?;
    let venue = repo.add_venue(structure, &venue, now).await?;
    let mut stocks = Vec::new();
    for i in 0..per_client {
        let offer = OfferForm {
            subcategory: "SPECTACLE_REPRESENTATION".into(),
            title: format!("Spectacle {i}"),
            ..OfferForm::default()
        }
        .parse(VenueKind::Physical, now.date_naive())?;
        let offer_id = repo.add_offer(venue, &offer, None, now).await?;
        let stock = NewStock {
            price_cents: 100,
            price_category_id: None,
            quantity: Some((clients * 2) as i64),
            booking_limit: None,
            begins_at: Some(now + Duration::days(30)),
        };
        repo.add_stocks(offer_id, &[stock], now).await?;
        repo.set_offer_status(offer_id, OfferStatus::Published, now)
            .await?;
        stocks.push(repo.stocks_of_offer(offer_id).await?[0].id);
    }
    let mut users = Vec::new();
    for i in 0..clients {
        let user = repo
            .create_user(
                &NewUser {
                    email: Email::parse(&format!("bench{i}@example.org"))?,
                    password_hash: "x".into(),
                    first_name: "B".into(),
                    last_name: "B".into(),
                    role: Role::Young,
                    birth_date: NaiveDate::from_ymd_opt(2008, 1, 1),
                    departement: Some("67".into()),
                },
                now,
            )
            .await?;
        repo.grant_deposit(
            user,
            policy,
            Cents::euros(500),
            now + Duration::days(700),
            now,
        )
        .await?;
        users.push(user);
    }

    let started = Instant::now();
    let tasks: Vec<_> = users
        .iter()
        .map(|&user_id| {
            let repo = repo.clone();
            let mut mine = stocks.clone();
            mine.shuffle(&mut rand::rng());
            tokio::spawn(async move {
                let mut latencies = Vec::with_capacity(mine.len());
                for stock_id in mine {
                    let command = BookCommand {
                        user_id,
                        stock_id,
                        quantity: 1,
                        idempotency_key: None,
                        now: Utc::now(),
                    };
                    let t = Instant::now();
                    repo.book(&command).await?;
                    latencies.push(t.elapsed());
                }
                Ok::<_, StoreError>(latencies)
            })
        })
        .collect();
    let mut latencies = Vec::new();
    for task in tasks {
        latencies.extend(task.await??);
    }
    let elapsed = started.elapsed();
    latencies.sort();
    let pct = |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
    let total = latencies.len();

    // Invariants.
    let mut booked_seats = 0;
    for &user_id in &users {
        let wallet = repo.wallet(user_id).await?.ok_or("wallet")?;
        let ledger: i64 = repo
            .movements(user_id)
            .await?
            .iter()
            .map(|m| m.amount_cents)
            .sum();
        assert_eq!(wallet.balance_cents, ledger, "wallet equals ledger");
        assert_eq!(
            wallet.balance_cents,
            50_000 - 100 * per_client as i64,
            "every booking debited once"
        );
        booked_seats += repo.bookings_of_user(user_id).await?.len();
    }
    assert_eq!(booked_seats, total, "one booking row per success");

    println!(
        "{backend}: {total} bookings by {clients} clients in {:.2} s = {:.0} bookings/s; latency p50 {:.2} ms, p99 {:.2} ms; invariants hold",
        elapsed.as_secs_f64(),
        total as f64 / elapsed.as_secs_f64(),
        pct(0.50).as_secs_f64() * 1000.0,
        pct(0.99).as_secs_f64() * 1000.0,
    );
    drop(repo);
    if let Some((admin, name)) = cleanup {
        let mut conn = sqlx::PgConnection::connect(&admin).await?;
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE {name} WITH (FORCE)"
        )))
        .execute(&mut conn)
        .await?;
    }
    Ok(())
}
