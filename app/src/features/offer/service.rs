//! An offer as its page shows it.

use crate::error::AppError;
use crate::features::offer::dto::OfferView;
use crate::i18n::td_string;
use crate::ssr::cards::offer_cards;
use crate::ssr::{app_context, present};
use domain::catalogue::subcategory;

/// Other offers of the venue shown under an offer.
const SAME_VENUE: i64 = 6;

pub async fn details(offer_id: i64) -> Result<OfferView, AppError> {
    let ctx = app_context()?;
    let locale = crate::lang::requested();
    let offer = ctx
        .repo
        .offer(offer_id)
        .await?
        .filter(|o| o.is_visible(ctx.now()))
        .ok_or(AppError::NotFound)?;
    let stocks = ctx.repo.bookable_stocks(offer_id, ctx.now()).await?;
    let same_venue_rows = ctx
        .repo
        .offers_of_venue(offer.venue_id, ctx.now(), SAME_VENUE + 1)
        .await?
        .into_iter()
        .filter(|other| other.id != offer.id)
        .take(SAME_VENUE as usize)
        .collect();
    let same_venue = offer_cards(&ctx, same_venue_rows, None).await?;
    let position = offer.latitude.zip(offer.longitude);
    let sub = subcategory(&offer.subcategory);
    let accessibility = [
        (offer.audio_accessible, td_string!(locale, offer.hearing)),
        (offer.mental_accessible, td_string!(locale, offer.mental)),
        (offer.motor_accessible, td_string!(locale, offer.motor)),
        (offer.visual_accessible, td_string!(locale, offer.visual)),
    ]
    .into_iter()
    .filter(|(yes, _)| *yes)
    .map(|(_, label)| label.to_owned())
    .collect();
    let stocks: Vec<_> = stocks
        .iter()
        .map(|s| present::stock_option(locale, s, &offer.postal_code, offer.url.is_some()))
        .collect();
    let from_price = present::from_price(
        locale,
        stocks.iter().filter(|s| s.bookable).map(|s| s.price_cents),
    );
    Ok(OfferView {
        id: offer.id,
        from_price,
        category: crate::lang::catalogue::subcategory(locale, &offer.subcategory),
        is_event: sub.is_some_and(|s| s.is_event),
        stocks,
        address: format!("{}, {} {}", offer.address, offer.postal_code, offer.city),
        title: offer.title,
        description: offer.description,
        artist: offer.artist,
        is_duo: offer.is_duo,
        image_url: offer.image_url,
        illustration: present::illustration(&offer.subcategory),
        venue_id: offer.venue_id,
        venue_name: offer.venue_name,
        directions_url: position.map(|(lat, lon)| present::directions_url(lat, lon)),
        same_venue,
        withdrawal_details: offer.withdrawal_details,
        delivery_notice: offer
            .url
            .is_some()
            .then(|| present::digital_delivery(locale)),
        accessibility,
    })
}
