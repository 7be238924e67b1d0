//! Runs each behavioural test against every available backend: SQLite always (a fresh
//! file), PostgreSQL when `TEST_DATABASE_URL` names a server (a fresh database, dropped
//! afterwards).

#![allow(dead_code)] // each test binary uses its own part of the fixtures

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use domain::Cents;
use domain::account::Role;
use domain::catalogue::{Platform, subcategory};
use domain::identifiers::Siren;
use domain::pro::offer::{OfferForm, VenueKind};
use domain::pro::venue::VenueForm;
use domain::text::Email;
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
        let partner_id = user(repo, "partner@test.fr", Role::Partner, None).await;
        let structure_id = structure(repo, partner_id, "Librairie Kléber", "519037584", true).await;
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

/// The tests' administrator (made on first use).
pub async fn admin(repo: &Repo) -> i64 {
    let email = Email::parse("team@test.fr").expect("email");
    match repo.user_by_email(&email).await.expect("user") {
        Some(found) => found.id,
        None => user(repo, "team@test.fr", Role::Admin, None).await,
    }
}

/// Suspends a person as an administrator does, with a reason.
pub async fn suspend(repo: &Repo, user_id: i64) -> bool {
    let admin = admin(repo).await;
    let record = ActionRecord::new(admin, domain::admin::AdminAction::PersonSuspended, user_id)
        .because("Propos injurieux répétés");
    repo.suspend_person(user_id, &record, now())
        .await
        .expect("suspend")
}

pub async fn user(repo: &Repo, email: &str, role: Role, birth_date: Option<NaiveDate>) -> i64 {
    user_in(repo, email, role, birth_date, "67").await
}

/// A young person born on `born` living in `departement`.
pub async fn person(repo: &Repo, email: &str, born: NaiveDate, departement: &str) -> i64 {
    user_in(repo, email, Role::Young, Some(born), departement).await
}

async fn user_in(
    repo: &Repo,
    email: &str,
    role: Role,
    birth_date: Option<NaiveDate>,
    departement: &str,
) -> i64 {
    let id = account(repo, email, role, birth_date, departement).await;
    // Who has not accepted the texts in force books nothing.
    repo.accept_legal(id, domain::legal::Acceptance::current(), now())
        .await
        .expect("texts accepted");
    id
}

/// An account with its address verified that has accepted no texts (one older than them).
pub async fn account(
    repo: &Repo,
    email: &str,
    role: Role,
    birth_date: Option<NaiveDate>,
    departement: &str,
) -> i64 {
    repo.create_verified_user(
        &NewUser {
            email: Email::parse(email).expect("email"),
            password_hash: "not-a-real-hash".into(),
            first_name: "Camille".into(),
            last_name: "Martin".into(),
            role,
            birth_date,
            departement: Some(departement.into()),
        },
        now(),
    )
    .await
    .expect("user")
}

/// A structure registered by `partner_id` as a partner registers one (with its virtual
/// venue), then validated by an administrator when `validated`.
pub async fn structure(
    repo: &Repo,
    partner_id: i64,
    name: &str,
    siren: &str,
    validated: bool,
) -> i64 {
    let id = repo
        .register_structure(
            partner_id,
            name,
            &Siren::parse(siren).expect("siren"),
            now(),
        )
        .await
        .expect("structure");
    if validated {
        let admin = user(repo, &format!("admin-{siren}@test.fr"), Role::Admin, None).await;
        let decided = repo.decide_structure(id, true, admin, None, now()).await;
        assert!(decided.expect("decision"), "the structure was pending");
    }
    id
}

/// The virtual venue every structure has, for its digital offers.
pub async fn virtual_venue(repo: &Repo, structure_id: i64) -> i64 {
    repo.venues_of_structure(structure_id)
        .await
        .expect("venues")
        .iter()
        .find(|v| v.is_virtual)
        .expect("a virtual venue")
        .id
}

/// A bookshop at `(lat, lon)`, as the partner's venue form accepts it.
pub async fn venue(repo: &Repo, structure_id: i64, (lat, lon): (f64, f64)) -> i64 {
    let form = VenueForm {
        name: "Librairie Kléber".into(),
        no_siret_reason: "Lieu de test, sans SIRET".into(),
        venue_type: "LIBRAIRIE".into(),
        address: "1 rue des Francs-Bourgeois".into(),
        postal_code: "67000".into(),
        city: "Strasbourg".into(),
        latitude: lat.to_string(),
        longitude: lon.to_string(),
        ..VenueForm::default()
    };
    let draft = form.parse().expect("a valid venue");
    repo.add_venue(structure_id, &draft, now())
        .await
        .expect("venue")
}

/// An offer as the partner's form accepts it, at a venue of its kind (a digital
/// subcategory at the virtual venue), with a stock, then published; returns (offer id,
/// stock id).
pub async fn publish(repo: &Repo, venue_id: i64, form: OfferForm, stock: NewStock) -> (i64, i64) {
    let online = subcategory(&form.subcategory).is_some_and(|s| s.platform == Platform::Online);
    let kind = if online {
        VenueKind::Virtual
    } else {
        VenueKind::Physical
    };
    let draft = form.parse(kind, now().date_naive()).expect("a valid offer");
    let offer_id = repo
        .add_offer(venue_id, &draft, None, now())
        .await
        .expect("offer");
    repo.add_stocks(offer_id, &[stock], now())
        .await
        .expect("stock");
    repo.set_offer_status(offer_id, OfferStatus::Published, now())
        .await
        .expect("published");
    let stocks = repo.stocks_of_offer(offer_id).await.expect("stocks");
    (offer_id, stocks[0].id)
}

/// A published offer with one stock; returns (offer id, stock id).
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
    let form = OfferForm {
        subcategory: sub.into(),
        title: format!("{} test", subcategory.label),
        url: if subcategory.platform == Platform::Online {
            "https://example.org".into()
        } else {
            String::new()
        },
        is_duo,
        ..OfferForm::default()
    };
    let stock = NewStock {
        price_cents: price.0,
        price_category_id: None,
        quantity,
        booking_limit: None,
        begins_at,
    };
    publish(repo, venue_id, form, stock).await
}

pub fn book(user_id: i64, stock_id: i64) -> BookCommand {
    BookCommand {
        booker: Booker::Person(user_id),
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
