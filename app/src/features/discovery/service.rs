//! Offers near a place, from the repository, as cards.

use crate::dto::{Nearby, PlaceView};
use crate::error::AppError;
use crate::ssr::{app_context, present};
use domain::geo::{PLACES, Place, place};
use store::NearQuery;

/// The radius the young see by default (the real app's default too).
const DEFAULT_RADIUS_KM: f64 = 50.0;
const PAGE_SIZE: i64 = 60;

fn view(place: &Place) -> PlaceView {
    PlaceView {
        key: place.key.to_owned(),
        name: place.name.to_owned(),
    }
}

pub async fn nearby(key: Option<String>) -> Result<Nearby, AppError> {
    let ctx = app_context()?;
    let key = key.unwrap_or_else(|| ctx.settings.default_place.clone());
    let place =
        place(&key).ok_or_else(|| AppError::invalid("lieu", format!("Lieu inconnu : {key}")))?;
    let query = NearQuery {
        position: place.position(),
        radius_km: DEFAULT_RADIUS_KM,
        limit: PAGE_SIZE,
        now: ctx.now(),
    };
    let rows = ctx.repo.offers_near(&query).await?;
    Ok(Nearby {
        place: view(place),
        places: PLACES.iter().map(view).collect(),
        offers: rows
            .into_iter()
            .map(|row| present::offer_card(row, place.position()))
            .collect(),
    })
}
