//! Offer cards as every list shows them: the search index's row, plus what people said
//! of the offer (visible comments, average rating, likes), read for the whole list in
//! one query.

use super::{AppContext, present};
use crate::dto::OfferCard;
use crate::error::AppError;
use domain::geo::Position;
use std::collections::HashMap;
use store::OfferCardRow;

pub async fn offer_cards(
    ctx: &AppContext,
    rows: Vec<OfferCardRow>,
    from: Option<Position>,
) -> Result<Vec<OfferCard>, AppError> {
    let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
    let stats: HashMap<i64, store::CardStats> = ctx
        .repo
        .card_stats(&ids)
        .await?
        .into_iter()
        .map(|stats| (stats.offer_id, stats))
        .collect();
    Ok(rows
        .into_iter()
        .map(|row| {
            let social = stats.get(&row.id).copied();
            let mut card = present::offer_card(row, from);
            if let Some(social) = social {
                card.comments = social.comments;
                card.rating = social.rating_tenths.map(present::rating);
                card.likes = social.likes;
            }
            card
        })
        .collect())
}
