//! Offer cards as every list shows them: the search index's row, plus what people said
//! of the offer (visible comments, average rating, likes), read for the whole list (or
//! for every list of a page) in one query.

use super::{AppContext, present};
use crate::dto::OfferCard;
use crate::error::AppError;
use domain::geo::Position;
use std::collections::HashMap;
use store::{CardStats, OfferCardRow};

/// What people said of each of these offers, by offer id.
pub struct Social(HashMap<i64, CardStats>);

impl Social {
    /// Reads it for every offer of `rows`, in one query.
    pub async fn of<'a>(
        ctx: &AppContext,
        rows: impl IntoIterator<Item = &'a OfferCardRow>,
    ) -> Result<Social, AppError> {
        let ids: Vec<i64> = rows.into_iter().map(|row| row.id).collect();
        let stats = ctx.repo.card_stats(&ids).await?;
        Ok(Social(
            stats
                .into_iter()
                .map(|stats| (stats.offer_id, stats))
                .collect(),
        ))
    }

    /// The cards of `rows`, with what people said of them.
    /// Worded in the request's language.
    pub fn cards(&self, rows: Vec<OfferCardRow>, from: Option<Position>) -> Vec<OfferCard> {
        let locale = crate::lang::requested();
        rows.into_iter()
            .map(|row| {
                let social = self.0.get(&row.id).copied();
                let mut card = present::offer_card(locale, row, from);
                if let Some(social) = social {
                    card.comments = social.comments;
                    card.rating = social
                        .rating_tenths
                        .map(|tenths| present::rating(locale, tenths));
                    card.likes = social.likes;
                }
                card
            })
            .collect()
    }
}

/// The cards of one list.
pub async fn offer_cards(
    ctx: &AppContext,
    rows: Vec<OfferCardRow>,
    from: Option<Position>,
) -> Result<Vec<OfferCard>, AppError> {
    Ok(Social::of(ctx, &rows).await?.cards(rows, from))
}
