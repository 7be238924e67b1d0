//! Bench data: `N` offers spread over metropolitan France (about twenty per venue), each
//! with one bookable stock, from a seeded generator so that runs are repeatable.

use super::siren_with_check_digit;
use chrono::{Duration, Utc};
use domain::Cents;
use domain::account::Role;
use domain::catalogue::{Platform, SUBCATEGORIES};
use domain::money::StockPrice;
use domain::pro::offer::{OfferForm, VenueKind};
use domain::pro::venue::VenueForm;
use domain::text::Email;
use indicatif::{ProgressBar, ProgressStyle};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use store::*;

const OFFERS_PER_VENUE: u64 = 20;
const BATCH: usize = 1_000;

/// A partner's account, as the bench's owner of everything.
fn person(email: String, role: Role) -> Result<NewUser, Box<dyn std::error::Error>> {
    Ok(NewUser {
        email: Email::parse(&email)?,
        password_hash: "!".into(),
        first_name: "Bench".into(),
        last_name: "Bench".into(),
        role,
        birth_date: None,
        departement: None,
    })
}

pub async fn run(repo: &Repo, offers: u64, seed: u64) -> Result<(), Box<dyn std::error::Error>> {
    let mut rng = StdRng::seed_from_u64(seed);
    let now = Utc::now();
    // The partner's path (registered, validated, venues and offers through the forms),
    // with the offers imported a thousand at a time.
    let run = format!("{seed}-{}", now.timestamp());
    let partner = repo
        .create_verified_user(
            &person(format!("bench-{run}@example.org"), Role::Partner)?,
            now,
        )
        .await?;
    let admin = repo
        .create_verified_user(
            &person(format!("bench-admin-{run}@example.org"), Role::Admin)?,
            now,
        )
        .await?;
    let structure = repo
        .register_structure(
            partner,
            &format!("Bench {run}"),
            &siren_with_check_digit(rng.random_range(10_000_000..89_999_999)),
            now,
        )
        .await?;
    repo.decide_structure(structure, true, admin, None, now)
        .await?;
    let kinds: Vec<_> = SUBCATEGORIES
        .iter()
        .filter(|s| s.platform == Platform::Offline)
        .collect();
    let progress = ProgressBar::new(offers);
    progress.set_style(ProgressStyle::with_template(
        "{bar:40} {pos}/{len} offres ({per_sec}, reste {eta})",
    )?);

    let mut venue_id = 0;
    let mut batch = Vec::with_capacity(BATCH);
    for n in 0..offers {
        if n.is_multiple_of(OFFERS_PER_VENUE) {
            let venue = VenueForm {
                name: format!("Lieu {}", n / OFFERS_PER_VENUE),
                no_siret_reason: "Lieu de mesure, sans SIRET".into(),
                venue_type: "AUTRE".into(),
                address: "1 rue de la Culture".into(),
                postal_code: "75000".into(),
                city: "France".into(),
                latitude: rng.random_range(42.5..51.0).to_string(),
                longitude: rng.random_range(-4.5..8.0).to_string(),
                ..VenueForm::default()
            }
            .parse()?;
            venue_id = repo.add_venue(structure, &venue, now).await?;
        }
        let subcategory = kinds[rng.random_range(0..kinds.len())];
        let begins_at = subcategory
            .is_event
            .then(|| now + Duration::hours(rng.random_range(48..24 * 60)));
        let offer = OfferForm {
            subcategory: subcategory.id.into(),
            title: format!("{} n°{n}", subcategory.label),
            is_duo: subcategory.can_be_duo && rng.random_bool(0.5),
            accessibility: Accessibility {
                motor: rng.random_bool(0.5),
                ..Accessibility::default()
            },
            ..OfferForm::default()
        }
        .parse(VenueKind::Physical, now.date_naive())?;
        let price = StockPrice::parse(Cents(rng.random_range(0..=60) * 50))?;
        batch.push(ImportedOffer {
            venue_id,
            offer,
            stocks: vec![NewStock {
                price_cents: price.cents().get(),
                price_category_id: None,
                quantity: rng.random_bool(0.7).then(|| rng.random_range(1..200)),
                booking_limit: None,
                begins_at,
            }],
        });
        if batch.len() == BATCH {
            repo.import_offers(&batch, now).await?;
            progress.inc(batch.len() as u64);
            batch.clear();
        }
    }
    if !batch.is_empty() {
        repo.import_offers(&batch, now).await?;
        progress.inc(batch.len() as u64);
    }
    progress.finish();
    tracing::info!(total = repo.count_offers().await?, "bench offers created");
    Ok(())
}
