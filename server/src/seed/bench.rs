//! Bench data: `N` offers spread over metropolitan France (about twenty per venue), each
//! with one bookable stock, from a seeded generator so that runs are repeatable.

use super::siren_with_check_digit;
use chrono::{Duration, Utc};
use domain::Cents;
use domain::catalogue::{Platform, SUBCATEGORIES};
use domain::geo::Position;
use domain::money::StockPrice;
use domain::text::OfferTitle;
use indicatif::{ProgressBar, ProgressStyle};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use store::*;

const OFFERS_PER_VENUE: u64 = 20;
const BATCH: usize = 1_000;

pub async fn run(repo: &Repo, offers: u64, seed: u64) -> Result<(), Box<dyn std::error::Error>> {
    let mut rng = StdRng::seed_from_u64(seed);
    let now = Utc::now();
    let structure = repo
        .create_structure(
            &format!("Bench {seed}-{}", now.timestamp()),
            &siren_with_check_digit(rng.random_range(10_000_000..89_999_999)),
            StructureStatus::Validated,
            now,
        )
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
            let position =
                Position::parse(rng.random_range(42.5..51.0), rng.random_range(-4.5..8.0))?;
            venue_id = repo
                .create_venue(
                    &NewVenue {
                        structure_id: structure,
                        name: format!("Lieu {}", n / OFFERS_PER_VENUE),
                        siret: None,
                        venue_type: "AUTRE".into(),
                        address: "1 rue de la Culture".into(),
                        postal_code: "75000".into(),
                        city: "France".into(),
                        position: Some(position),
                    },
                    now,
                )
                .await?;
        }
        let subcategory = kinds[rng.random_range(0..kinds.len())];
        let begins_at = subcategory
            .is_event
            .then(|| now + Duration::hours(rng.random_range(48..24 * 60)));
        batch.push((
            NewOffer {
                venue_id,
                subcategory,
                title: OfferTitle::parse(&format!("{} n°{n}", subcategory.label))?,
                description: String::new(),
                artist: None,
                url: None,
                is_duo: subcategory.can_be_duo && rng.random_bool(0.5),
                withdrawal_details: None,
                accessibility: Accessibility {
                    motor: rng.random_bool(0.5),
                    ..Accessibility::default()
                },
                status: OfferStatus::Published,
            },
            NewStock {
                offer_id: 0,
                price: StockPrice::parse(Cents(rng.random_range(0..=60) * 50))?,
                quantity: rng.random_bool(0.7).then(|| rng.random_range(1..200)),
                booking_limit: None,
                begins_at,
            },
        ));
        if batch.len() == BATCH {
            repo.create_offers_with_stocks(&batch, now).await?;
            progress.inc(batch.len() as u64);
            batch.clear();
        }
    }
    if !batch.is_empty() {
        repo.create_offers_with_stocks(&batch, now).await?;
        progress.inc(batch.len() as u64);
    }
    progress.finish();
    tracing::info!(total = repo.count_offers().await?, "bench offers created");
    Ok(())
}
