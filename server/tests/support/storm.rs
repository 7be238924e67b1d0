//! A booking storm: young people with credit and offers with seats, seeded through the
//! repository, then booked over HTTP by every client at once; and the invariants that
//! must hold afterwards whatever happened to the servers meanwhile. Shared by the HTTP
//! tests of running for a country (several instances, `kill -9`, backups) and by the
//! booking benchmark (`server/benches/booking.rs`).

#![allow(dead_code)] // each test binary uses its own part

use chrono::{DateTime, Duration, NaiveDate, Utc};
use domain::Cents;
use domain::account::Role;
use domain::identifiers::Siren;
use domain::pro::offer::{OfferForm, VenueKind};
use domain::pro::venue::VenueForm;
use domain::text::Email;
use rand::seq::SliceRandom;
use std::collections::HashSet;
use store::*;

pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// What each young person of a set starts with.
pub const CREDIT: Cents = Cents::euros(500);
/// The price of every offer of a set.
pub const PRICE_CENTS: i64 = 100;

/// One set of a storm: its clients and the stocks they all book.
pub struct Set {
    pub users: Vec<i64>,
    pub stocks: Vec<i64>,
    /// Seats per stock.
    pub seats: i64,
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
pub async fn venue(repo: &Repo, now: DateTime<Utc>) -> Result<(i64, i64), Error> {
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

/// The FR-2019 policy, as the grants of a set use it.
pub async fn policy(repo: &Repo, now: DateTime<Utc>) -> Result<i64, Error> {
    let preset = domain::credit::preset("FR-2019").ok_or("no FR-2019 preset")?;
    Ok(repo.ensure_policy(&preset, now).await?)
}

/// A storm's ground on the database at `url`: a connection, the instant its sets are
/// seeded at, the policy of their grants and the venue of their offers.
pub struct Ground {
    pub repo: Repo,
    pub now: DateTime<Utc>,
    pub policy: i64,
    pub venue: i64,
}

pub async fn ground(url: &str) -> Result<Ground, Error> {
    let repo = connect(url, 4).await?;
    let now = Utc::now();
    let policy = policy(&repo, now).await?;
    let (venue, _) = venue(&repo, now).await?;
    Ok(Ground {
        repo,
        now,
        policy,
        venue,
    })
}

/// What a set holds.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    pub clients: usize,
    pub offers: usize,
    /// Seats (or copies) per offer.
    pub seats: i64,
    /// Books to collect at the venue (they expire uncollected after 10 days) rather than
    /// shows a month later.
    pub books: bool,
}

/// The young people of `plan` with [`CREDIT`] each, and its offers at 1 €, published at
/// `now`.
pub async fn seed(
    repo: &Repo,
    name: &str,
    venue: i64,
    policy: i64,
    plan: Plan,
    now: DateTime<Utc>,
) -> Result<Set, Error> {
    let mut stocks = Vec::new();
    for i in 0..plan.offers {
        let form = OfferForm {
            subcategory: if plan.books {
                "LIVRE_PAPIER"
            } else {
                "SPECTACLE_REPRESENTATION"
            }
            .into(),
            title: format!("Offre {name} {i}"),
            ..OfferForm::default()
        }
        .parse(VenueKind::Physical, now.date_naive())?;
        let offer = repo.add_offer(venue, &form, None, now).await?;
        let stock = NewStock {
            price_cents: PRICE_CENTS,
            price_category_id: None,
            quantity: Some(plan.seats),
            booking_limit: None,
            begins_at: (!plan.books).then(|| now + Duration::days(30)),
        };
        repo.add_stocks(offer, &[stock], now).await?;
        repo.set_offer_status(offer, OfferStatus::Published, now)
            .await?;
        stocks.push(repo.stocks_of_offer(offer).await?[0].id);
    }
    let mut users = Vec::new();
    for i in 0..plan.clients {
        let email = format!("{name}{i}@example.org");
        let user = repo
            .create_verified_user(&new_user(&email, Role::Young)?, now)
            .await?;
        // Who has not accepted the texts in force books nothing.
        repo.accept_legal(user, domain::legal::Acceptance::current(), now)
            .await?;
        let expires = now + Duration::days(700);
        repo.grant_deposit(user, policy, CREDIT, expires, now)
            .await?;
        users.push(user);
    }
    Ok(Set {
        users,
        stocks,
        seats: plan.seats,
    })
}

/// Each client's stocks, in its own order.
pub fn shuffled(stocks: &[i64]) -> Vec<i64> {
    let mut mine = stocks.to_vec();
    mine.shuffle(&mut rand::rng());
    mine
}

/// Signs every client of the set in: a session row as a login makes, and its cookie
/// (named `cp_session` on a server without `SESSION_SECURE_COOKIE`).
pub async fn sign_in(repo: &Repo, set: &Set, now: DateTime<Utc>) -> Result<Vec<String>, Error> {
    let mut cookies = Vec::new();
    for (i, &user) in set.users.iter().enumerate() {
        let id = format!("storm-session-{i}-{}", rand::random::<u64>());
        let hash = app::ssr::session::hash_id(&id);
        repo.create_session(&hash, user, now, now + Duration::days(1))
            .await?;
        cookies.push(format!("cp_session={id}"));
    }
    Ok(cookies)
}

/// Wallets equal their ledgers and hold what the credit less their bookings not cancelled
/// leave (a refund made twice would show); no stock has more bookings than seats.
/// Returns the tokens of every booking.
pub async fn check(repo: &Repo, set: &Set) -> Result<HashSet<String>, Error> {
    let mut tokens = HashSet::new();
    let mut per_stock = std::collections::HashMap::<i64, i64>::new();
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
        let bookings = repo.bookings_of_user(user).await?;
        let spent: i64 = bookings
            .iter()
            .filter(|b| b.status != domain::ticket::BookingStatus::Cancelled)
            .map(|b| b.amount_cents)
            .sum();
        if wallet.balance_cents != CREDIT.get() - spent {
            return Err(format!(
                "user {user}: balance {} after {spent} spent",
                wallet.balance_cents
            )
            .into());
        }
        for booking in bookings {
            if booking.status != domain::ticket::BookingStatus::Cancelled {
                *per_stock.entry(booking.stock_id).or_default() += booking.quantity;
            }
            if !tokens.insert(booking.token.clone()) {
                return Err(format!("token {} twice", booking.token).into());
            }
        }
    }
    if let Some((stock, booked)) = per_stock.iter().find(|(_, n)| **n > set.seats) {
        return Err(format!("stock {stock}: {booked} bookings for {} seats", set.seats).into());
    }
    Ok(tokens)
}

/// The bookings acknowledged by the servers so far: the token of each `200` answer.
pub type Acknowledged = std::sync::Arc<std::sync::Mutex<Vec<String>>>;

/// Every client books every stock of its list with `POST /api/book`, on the servers of
/// `bases` in turn (client `i` starts on `bases[i % n]`), until its list is done or a
/// server stops answering. Refusals for want of seats are expected; any other answer
/// but 200 is an error.
pub fn http_storm(
    bases: &[String],
    set: &Set,
    cookies: &[String],
    acknowledged: &Acknowledged,
) -> Vec<tokio::task::JoinHandle<Result<(), Error>>> {
    cookies
        .iter()
        .enumerate()
        .map(|(i, cookie)| {
            let bases = bases.to_vec();
            let cookie = cookie.clone();
            let mine = shuffled(&set.stocks);
            let acknowledged = acknowledged.clone();
            tokio::spawn(async move {
                let client = reqwest::Client::new();
                for (n, stock_id) in mine.into_iter().enumerate() {
                    let base = &bases[(i + n) % bases.len()];
                    let form = [("stock_id", stock_id.to_string()), ("quantity", "1".into())];
                    let Ok(answer) = client
                        .post(format!("{base}/api/book"))
                        .header(reqwest::header::COOKIE, &cookie)
                        .form(&form)
                        .send()
                        .await
                    else {
                        return Ok(()); // the server is gone
                    };
                    let status = answer.status();
                    let Ok(body) = answer.text().await else {
                        return Ok(()); // gone while answering: not acknowledged
                    };
                    if status.is_success() {
                        let booking: serde_json::Value = serde_json::from_str(&body)?;
                        let token = booking["token"].as_str().ok_or("no token")?;
                        acknowledged
                            .lock()
                            .map_err(|_| "poisoned")?
                            .push(token.to_owned());
                    } else if !(status == 409 && body.contains("SoldOut")) {
                        return Err(format!("booking answered {status} {body}").into());
                    }
                }
                Ok(())
            })
        })
        .collect()
}
