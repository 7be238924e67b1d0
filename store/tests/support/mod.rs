//! Runs each behavioural test against every available backend: SQLite always (a fresh
//! file), PostgreSQL when `TEST_DATABASE_URL` names a server (a fresh database, dropped
//! afterwards).

#![allow(dead_code)] // each test binary uses its own part of the fixtures

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use domain::Cents;
use domain::account::Role;
use domain::catalogue::subcategory;
use domain::geo::Position;
use domain::identifiers::Siren;
use domain::money::StockPrice;
use domain::text::{Email, OfferTitle};
use sqlx::Connection;
use store::*;

pub struct TestDb {
    pub name: &'static str,
    pub repo: Repo,
    postgres: Option<(String, String)>,
    _dir: Option<tempfile::TempDir>,
}

impl TestDb {
    pub async fn drop_database(self) {
        drop(self.repo);
        if let Some((admin_url, database)) = self.postgres
            && let Ok(mut admin) = sqlx::PgConnection::connect(&admin_url).await
        {
            let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                "DROP DATABASE IF EXISTS {database} WITH (FORCE)"
            )))
            .execute(&mut admin)
            .await;
        }
    }
}

fn unique_suffix() -> String {
    let nanos = Utc::now().timestamp_nanos_opt().unwrap_or_default();
    format!("{nanos:x}{:04x}", rand::random::<u16>())
}

pub async fn backends() -> Vec<TestDb> {
    let mut dbs = Vec::new();
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("test.db").display());
    let repo = connect(&url, 8).await.expect("sqlite opens");
    repo.migrate().await.expect("sqlite migrates");
    dbs.push(TestDb {
        name: "sqlite",
        repo,
        postgres: None,
        _dir: Some(dir),
    });

    if let Ok(admin_url) = std::env::var("TEST_DATABASE_URL") {
        let database = format!("cp_test_{}", unique_suffix());
        let mut admin = sqlx::PgConnection::connect(&admin_url)
            .await
            .expect("TEST_DATABASE_URL reachable");
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {database}")))
            .execute(&mut admin)
            .await
            .expect("create db");
        let base = admin_url
            .rsplit_once('/')
            .map_or(admin_url.as_str(), |(base, _)| base);
        let url = format!("{base}/{database}");
        let repo = connect(&url, 16).await.expect("postgres opens");
        repo.migrate().await.expect("postgres migrates");
        dbs.push(TestDb {
            name: "postgres",
            repo,
            postgres: Some((admin_url.clone(), database)),
            _dir: None,
        });
    }
    dbs
}

/// Runs `$body` with `repo: Repo` bound, once per backend.
#[macro_export]
macro_rules! on_every_backend {
    ($(#[$attr:meta])* async fn $name:ident($repo:ident) $body:block) => {
        $(#[$attr])*
        #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
        async fn $name() {
            for db in support::backends().await {
                eprintln!("-- {} on {}", stringify!($name), db.name);
                let $repo = db.repo.clone();
                $body
                db.drop_database().await;
            }
        }
    };
}

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0)
        .single()
        .expect("valid")
}

/// A validated partner with a venue in Strasbourg, and the 2019 policy.
pub struct Fixture {
    pub policy_id: i64,
    pub structure_id: i64,
    pub partner_id: i64,
    pub venue_id: i64,
}

pub const STRASBOURG: (f64, f64) = (48.5734, 7.7521);

impl Fixture {
    pub async fn new(repo: &Repo) -> Fixture {
        let policy = domain::credit::preset("FR-2019").expect("preset");
        let policy_id = repo.ensure_policy(&policy, now()).await.expect("policy");
        let structure_id = repo
            .create_structure(
                "Librairie Kléber",
                &Siren::parse("519037584").expect("siren"),
                StructureStatus::Validated,
                now(),
            )
            .await
            .expect("structure");
        let partner_id = user(repo, "partner@test.fr", Role::Partner, None).await;
        repo.add_member(structure_id, partner_id)
            .await
            .expect("member");
        let venue_id = venue(repo, structure_id, STRASBOURG).await;
        Fixture {
            policy_id,
            structure_id,
            partner_id,
            venue_id,
        }
    }

    /// A young person of 18 with 500 € valid two years.
    pub async fn young(&self, repo: &Repo, email: &str) -> i64 {
        let id = user(
            repo,
            email,
            Role::Young,
            NaiveDate::from_ymd_opt(2008, 1, 15),
        )
        .await;
        repo.grant_deposit(
            id,
            self.policy_id,
            Cents::euros(500),
            now() + Duration::days(730),
            now(),
        )
        .await
        .expect("deposit");
        id
    }

    pub async fn offer(
        &self,
        repo: &Repo,
        sub: &str,
        price: Cents,
        quantity: Option<i64>,
    ) -> (i64, i64) {
        offer_at(repo, self.venue_id, sub, price, quantity, None, false).await
    }
}

pub async fn user(repo: &Repo, email: &str, role: Role, birth_date: Option<NaiveDate>) -> i64 {
    repo.create_user(
        &NewUser {
            email: Email::parse(email).expect("email"),
            password_hash: "not-a-real-hash".into(),
            first_name: "Camille".into(),
            last_name: "Martin".into(),
            role,
            birth_date,
            departement: Some("67".into()),
        },
        now(),
    )
    .await
    .expect("user")
}

pub async fn venue(repo: &Repo, structure_id: i64, (lat, lon): (f64, f64)) -> i64 {
    repo.create_venue(
        &NewVenue {
            structure_id,
            name: "Librairie Kléber".into(),
            siret: None,
            venue_type: "LIBRAIRIE".into(),
            address: "1 rue des Francs-Bourgeois".into(),
            postal_code: "67000".into(),
            city: "Strasbourg".into(),
            position: Some(Position::parse(lat, lon).expect("position")),
        },
        now(),
    )
    .await
    .expect("venue")
}

/// Creates a published offer with one stock; returns (offer id, stock id).
pub async fn offer_at(
    repo: &Repo,
    venue_id: i64,
    sub: &str,
    price: Cents,
    quantity: Option<i64>,
    begins_at: Option<DateTime<Utc>>,
    is_duo: bool,
) -> (i64, i64) {
    let subcategory = subcategory(sub).expect("subcategory");
    let offer_id = repo
        .create_offer(
            &NewOffer {
                venue_id,
                subcategory,
                title: OfferTitle::parse(&format!("{} test", subcategory.label)).expect("title"),
                description: String::new(),
                artist: None,
                url: (subcategory.platform == domain::catalogue::Platform::Online)
                    .then(|| "https://example.org".into()),
                is_duo,
                withdrawal_details: None,
                accessibility: Accessibility::default(),
                status: OfferStatus::Published,
            },
            now(),
        )
        .await
        .expect("offer");
    let stock_id = repo
        .create_stock(
            &NewStock {
                offer_id,
                price: StockPrice::parse(price).expect("price"),
                quantity,
                booking_limit: None,
                begins_at,
            },
            now(),
        )
        .await
        .expect("stock");
    (offer_id, stock_id)
}

pub fn book(user_id: i64, stock_id: i64) -> BookCommand {
    BookCommand {
        user_id,
        stock_id,
        quantity: 1,
        idempotency_key: None,
        now: now(),
    }
}

/// The wallet balance must equal the sum of the ledger, and never be negative.
pub async fn assert_ledger_balances(repo: &Repo, user_id: i64) -> Cents {
    let wallet = repo
        .wallet(user_id)
        .await
        .expect("wallet")
        .expect("has a wallet");
    let ledger: i64 = repo
        .movements(user_id)
        .await
        .expect("movements")
        .iter()
        .map(|m| m.amount_cents)
        .sum();
    assert_eq!(wallet.balance_cents, ledger, "balance equals the ledger");
    assert!(wallet.balance_cents >= 0);
    wallet.balance()
}
