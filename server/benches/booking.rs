//! Booking throughput, the same storm three times in one run on one database: at the
//! service level (`Repository::book`, the transaction the API runs), at the service level
//! again with the partner's mail per booking turned off (what telling the partner costs
//! is the difference), and over HTTP (`POST /api/book` on the release server). What HTTP
//! adds is the difference with the first.
//!
//! Three identical sets are seeded: per set, `BENCH_CLIENTS` (64) young people with 500 €
//! and `BENCH_BOOKINGS_PER_CLIENT` (200) event offers at 1 € with twice as many seats as
//! clients. Each client books every offer of its set once, in its own shuffled order
//! (clients collide on the same stocks), as fast as it can; every booking succeeds and
//! is durable (SQLite `synchronous=FULL`, PostgreSQL's synchronous commit). The service
//! storm runs in this process with the server's pool size (16), where the server runs
//! bookings (`app::ssr::Writer`: on SQLite, a thread of their own); then this process
//! lets its pool go and the server (`BENCH_SERVER`, a `cargo leptos build --release`
//! binary, run from the workspace; `scripts/bench` passes it) takes the HTTP storm,
//! each client signed in by a session cookie. The HTTP storm always comes second, on a
//! database holding the first one's bookings: if anything, that counts against HTTP. At the end both sets are checked: every wallet equals its ledger
//! and was debited once per booking, one booking row per success.
//!
//! SQLite by default; `BENCH_DATABASE_URL=postgres://...` runs on a fresh database of
//! that server, dropped afterwards.

use app::ssr::Writer;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use domain::Cents;
use domain::account::Role;
use domain::identifiers::Siren;
use domain::pro::offer::{OfferForm, VenueKind};
use domain::pro::venue::VenueForm;
use domain::text::Email;
use rand::seq::SliceRandom;
use std::process::{Command, Stdio};
use std::time::Instant;
use store::*;

type Error = Box<dyn std::error::Error + Send + Sync>;

/// The server's default pool (`DATABASE_MAX_CONNECTIONS`): both storms get the same.
const POOL: u32 = 16;
const ADDRESS: &str = "127.0.0.1:3401";

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// One set of the storm: its clients and the stocks they all book.
struct Set {
    users: Vec<i64>,
    stocks: Vec<i64>,
}

/// The figures of one storm.
struct Storm {
    elapsed: std::time::Duration,
    latencies: Vec<std::time::Duration>,
}

impl Storm {
    fn new(elapsed: std::time::Duration, mut latencies: Vec<std::time::Duration>) -> Self {
        latencies.sort();
        Storm { elapsed, latencies }
    }

    /// The storm of the clients' `tasks`, begun at `started`, once they are all done.
    async fn gather(
        started: Instant,
        tasks: Vec<tokio::task::JoinHandle<Result<Vec<std::time::Duration>, Error>>>,
    ) -> Result<Storm, Error> {
        let mut latencies = Vec::new();
        for task in tasks {
            latencies.extend(task.await??);
        }
        Ok(Storm::new(started.elapsed(), latencies))
    }

    fn rate(&self) -> f64 {
        self.latencies.len() as f64 / self.elapsed.as_secs_f64()
    }

    fn ms(&self, p: f64) -> f64 {
        let i = ((self.latencies.len() as f64 * p) as usize).min(self.latencies.len() - 1);
        self.latencies[i].as_secs_f64() * 1e3
    }

    fn line(&self, name: &str) -> String {
        format!(
            "{name}: {} bookings in {:.2} s = {:.0} bookings/s; latency p50 {:.2} ms, p99 {:.2} ms",
            self.latencies.len(),
            self.elapsed.as_secs_f64(),
            self.rate(),
            self.ms(0.50),
            self.ms(0.99),
        )
    }
}

fn psql(admin: &str, statement: &str) -> Result<(), Error> {
    let ok = Command::new("psql")
        .args([admin, "-qc", statement])
        .stdout(Stdio::null())
        .status()?
        .success();
    if ok {
        Ok(())
    } else {
        Err(format!("psql failed: {statement}").into())
    }
}

fn new_user(email: &str, role: Role) -> Result<NewUser, Error> {
    Ok(NewUser {
        email: Email::parse(email)?,
        password_hash: "x".into(),
        first_name: "B".into(),
        last_name: "B".into(),
        role,
        birth_date: (role == Role::Young)
            .then(|| NaiveDate::from_ymd_opt(2008, 1, 1))
            .flatten(),
        departement: (role == Role::Young).then(|| "67".into()),
    })
}

/// A validated structure with one venue: the partner's own path. The venue, and its
/// partner (told of each booking until they choose otherwise).
async fn venue(repo: &Repo, now: DateTime<Utc>) -> Result<(i64, i64), Error> {
    let partner = repo
        .create_verified_user(&new_user("partner@example.org", Role::Partner)?, now)
        .await?;
    let admin = repo
        .create_verified_user(&new_user("admin@example.org", Role::Admin)?, now)
        .await?;
    let structure = repo
        .register_structure(partner, "Bench", &Siren::parse("519037584")?, now)
        .await?;
    repo.decide_structure(structure, true, admin, None, now)
        .await?;
    let form = VenueForm {
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
    Ok((repo.add_venue(structure, &form, now).await?, partner))
}

/// `clients` young people with 500 € each and `offers` published offers at 1 €.
async fn seed(
    repo: &Repo,
    name: &str,
    venue: i64,
    policy: i64,
    clients: usize,
    offers: usize,
    now: DateTime<Utc>,
) -> Result<Set, Error> {
    let mut stocks = Vec::new();
    for i in 0..offers {
        let form = OfferForm {
            subcategory: "SPECTACLE_REPRESENTATION".into(),
            title: format!("Spectacle {name} {i}"),
            ..OfferForm::default()
        }
        .parse(VenueKind::Physical, now.date_naive())?;
        let offer = repo.add_offer(venue, &form, None, now).await?;
        let stock = NewStock {
            price_cents: 100,
            price_category_id: None,
            quantity: Some((clients * 2) as i64),
            booking_limit: None,
            begins_at: Some(now + Duration::days(30)),
        };
        repo.add_stocks(offer, &[stock], now).await?;
        repo.set_offer_status(offer, OfferStatus::Published, now)
            .await?;
        stocks.push(repo.stocks_of_offer(offer).await?[0].id);
    }
    let mut users = Vec::new();
    for i in 0..clients {
        let email = format!("{name}{i}@example.org");
        let user = repo
            .create_verified_user(&new_user(&email, Role::Young)?, now)
            .await?;
        // Who has not accepted the texts in force books nothing.
        repo.accept_legal(user, domain::legal::Acceptance::current(), now)
            .await?;
        let expires = now + Duration::days(700);
        repo.grant_deposit(user, policy, Cents::euros(500), expires, now)
            .await?;
        users.push(user);
    }
    Ok(Set { users, stocks })
}

/// Each client's stocks, in its own order.
fn shuffled(stocks: &[i64]) -> Vec<i64> {
    let mut mine = stocks.to_vec();
    mine.shuffle(&mut rand::rng());
    mine
}

/// Every client books every stock of the set through the repository, where the server
/// runs bookings (on SQLite, the writer's thread).
async fn service_storm(repo: &Repo, writer: &Writer, set: &Set) -> Result<Storm, Error> {
    let started = Instant::now();
    let tasks: Vec<_> = set
        .users
        .iter()
        .map(|&user_id| {
            let repo = repo.clone();
            let writer = writer.clone();
            let mine = shuffled(&set.stocks);
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
                    let repo = repo.clone();
                    writer
                        .run(async move { repo.book(&command).await })
                        .await??;
                    latencies.push(t.elapsed());
                }
                Ok::<_, Error>(latencies)
            })
        })
        .collect();
    Storm::gather(started, tasks).await
}

/// Every client books every stock of the set with `POST /api/book`, signed in by the
/// session cookie in `cookies` (one per client).
async fn http_storm(base: &str, set: &Set, cookies: Vec<String>) -> Result<Storm, Error> {
    let started = Instant::now();
    let tasks: Vec<_> = cookies
        .into_iter()
        .map(|cookie| {
            let url = format!("{base}/api/book");
            let mine = shuffled(&set.stocks);
            tokio::spawn(async move {
                let client = reqwest::Client::new();
                let mut latencies = Vec::with_capacity(mine.len());
                for stock_id in mine {
                    let form = [("stock_id", stock_id.to_string()), ("quantity", "1".into())];
                    let t = Instant::now();
                    let answer = client
                        .post(&url)
                        .header(reqwest::header::COOKIE, &cookie)
                        .form(&form)
                        .send()
                        .await?;
                    let status = answer.status();
                    let body = answer.bytes().await?;
                    latencies.push(t.elapsed());
                    if !status.is_success() {
                        let body = String::from_utf8_lossy(&body);
                        return Err(format!("booking refused: {status} {body}").into());
                    }
                }
                Ok::<_, Error>(latencies)
            })
        })
        .collect();
    Storm::gather(started, tasks).await
}

/// Signs every client of the set in: a session row as a login makes, and its cookie.
async fn sign_in(repo: &Repo, set: &Set, now: DateTime<Utc>) -> Result<Vec<String>, Error> {
    let mut cookies = Vec::new();
    for (i, &user) in set.users.iter().enumerate() {
        let id = format!("bench-session-{i}-{}", rand::random::<u64>());
        let hash = app::ssr::session::hash_id(&id);
        repo.create_session(&hash, user, now, now + Duration::days(1))
            .await?;
        cookies.push(format!("cp_session={id}"));
    }
    Ok(cookies)
}

/// Wallets equal their ledgers, each debited once per booking; one row per booking.
async fn check(repo: &Repo, set: &Set) -> Result<(), Error> {
    let per_client = set.stocks.len() as i64;
    for &user in &set.users {
        let wallet = repo.wallet(user).await?.ok_or("no wallet")?;
        let ledger: i64 = repo
            .movements(user)
            .await?
            .iter()
            .map(|m| m.amount_cents)
            .sum();
        if wallet.balance_cents != ledger {
            return Err(format!(
                "user {user}: wallet {} ≠ ledger {ledger}",
                wallet.balance_cents
            )
            .into());
        }
        if wallet.balance_cents != 50_000 - 100 * per_client {
            return Err(format!("user {user}: balance {}", wallet.balance_cents).into());
        }
        if repo.bookings_of_user(user).await?.len() as i64 != per_client {
            return Err(format!("user {user}: not one booking row per success").into());
        }
    }
    Ok(())
}

/// The release server on `url`, answering at [`ADDRESS`], killed when dropped.
struct Server(std::process::Child);

impl Server {
    async fn start(url: &str) -> Result<Server, Error> {
        let binary = std::env::var("BENCH_SERVER")
            .unwrap_or_else(|_| env!("CARGO_BIN_EXE_server").to_owned());
        let child = Command::new(binary)
            .arg("serve")
            .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
            .env("DATABASE_URL", url)
            .env("DATABASE_MAX_CONNECTIONS", POOL.to_string())
            .env("LEPTOS_SITE_ADDR", ADDRESS)
            .env("CLIENT_LIMITS", "off")
            // The cookie is named `cp_session` (not `__Host-`) without it.
            .env("SESSION_SECURE_COOKIE", "false")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .spawn()?;
        let mut server = Server(child);
        let health = format!("http://{ADDRESS}/healthz");
        for _ in 0..240 {
            // Another server on the port (left over by an interrupted run) would answer.
            if let Some(status) = server.0.try_wait()? {
                return Err(format!("the server stopped: {status}").into());
            }
            if reqwest::get(&health)
                .await
                .is_ok_and(|r| r.status().is_success())
            {
                return Ok(server);
            }
            tokio::time::sleep(std::time::Duration::from_millis(250)).await;
        }
        Err("the server did not start".into())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let clients = env_number("BENCH_CLIENTS", 64);
    let per_client = env_number("BENCH_BOOKINGS_PER_CLIENT", 200);
    let dir = tempfile::tempdir()?;
    let (url, postgres) = match std::env::var("BENCH_DATABASE_URL") {
        Ok(admin) => {
            let name = format!("cp_bench_booking_{}", std::process::id());
            psql(&admin, &format!("CREATE DATABASE {name}"))?;
            let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
            (format!("{base}/{name}"), Some((admin.clone(), name)))
        }
        Err(_) => {
            let path = dir.path().join("bench.db");
            (format!("sqlite://{}", path.display()), None)
        }
    };
    let backend = if postgres.is_some() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    let outcome = run(&url, backend, clients, per_client).await;
    if let Some((admin, name)) = postgres {
        psql(&admin, &format!("DROP DATABASE {name} WITH (FORCE)"))?;
    }
    outcome
}

async fn run(url: &str, backend: &str, clients: usize, per_client: usize) -> Result<(), Error> {
    let repo = connect(url, POOL).await?;
    repo.migrate().await?;
    let now = Utc::now();
    let preset = domain::credit::preset("FR-2019").ok_or("no FR-2019 preset")?;
    let policy = repo.ensure_policy(&preset, now).await?;
    let (venue, partner) = venue(&repo, now).await?;
    let service_set = seed(&repo, "service", venue, policy, clients, per_client, now).await?;
    let quiet_set = seed(&repo, "quiet", venue, policy, clients, per_client, now).await?;
    let http_set = seed(&repo, "http", venue, policy, clients, per_client, now).await?;
    let cookies = sign_in(&repo, &http_set, now).await?;

    let writer = Writer::for_backend(Backend::of_url(url)?.has_one_writer())?;
    eprintln!("service storm");
    let service = service_storm(&repo, &writer, &service_set).await?;
    // The same, the partner told of nothing (it runs second, on a database holding the
    // first storm's bookings: if anything, that counts against it).
    let choose = |choice| repo.choose_booking_mail(partner, choice, now, now);
    choose(domain::notification::BookingMail::Never).await?;
    eprintln!("service storm, partner not told");
    let quiet = service_storm(&repo, &writer, &quiet_set).await?;
    choose(domain::notification::BookingMail::EachBooking).await?;
    // The server is the only writer during its storm, as it would be in production.
    drop(repo);
    let http = {
        let _server = Server::start(url).await?;
        eprintln!("HTTP storm");
        http_storm(&format!("http://{ADDRESS}"), &http_set, cookies).await?
    };

    let repo = connect(url, POOL).await?;
    check(&repo, &service_set).await?;
    check(&repo, &quiet_set).await?;
    check(&repo, &http_set).await?;
    println!("{backend}, {clients} clients, pool {POOL}:");
    println!("  {}", service.line("service level"));
    println!("  {}", quiet.line("partner untold"));
    println!("  {}", http.line("HTTP         "));
    println!(
        "  service level / partner untold = {:.0} %",
        100.0 * service.rate() / quiet.rate()
    );
    println!(
        "  HTTP / service level = {:.0} %; invariants hold",
        100.0 * http.rate() / service.rate()
    );
    Ok(())
}
