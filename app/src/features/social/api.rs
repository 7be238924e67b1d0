//! The social side's server functions, under `/api/social/`.

use super::dto::{About, CommentsView, OfferReportView, ReactionsView, ReviewView};
use crate::dto::OfferCard;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::ssr::reply;
use domain::social::comment::CommentOrder;
use leptos::prelude::*;

/// The comments of an offer or a venue, a page of 20 in the order asked.
#[server(prefix = "/api/social", endpoint = "comments")]
pub async fn list_comments(
    about: About,
    id: i64,
    order: Option<CommentOrder>,
    page: Option<u32>,
) -> Result<CommentsView, AppError> {
    reply(super::service::list(about, id, order.unwrap_or_default(), page).await)
}

#[server(prefix = "/api/social", endpoint = "post_comment")]
pub async fn post_comment(
    about: About,
    id: i64,
    body: String,
    rating: String,
) -> Result<(), AppError> {
    reply(super::service::post(about, id, body, rating).await)
}

/// Marks someone else's comment as helpful, or takes the mark back.
#[server(prefix = "/api/social", endpoint = "mark_helpful")]
pub async fn mark_helpful(comment_id: i64) -> Result<bool, AppError> {
    reply(super::service::helpful(comment_id).await)
}

/// Whether the signed-in person has reported the offer (`false` for visitors).
#[server(prefix = "/api/social", endpoint = "reported_offer")]
pub async fn reported_offer(offer_id: i64) -> Result<bool, AppError> {
    reply(super::service::has_reported_offer(offer_id).await)
}

#[server(prefix = "/api/social", endpoint = "report_offer")]
pub async fn report_offer(offer_id: i64, reason: String) -> Result<(), AppError> {
    reply(super::service::report_offer(offer_id, reason).await)
}

#[server(prefix = "/api/social", endpoint = "edit_comment")]
pub async fn edit_comment(comment_id: i64, body: String, rating: String) -> Result<(), AppError> {
    reply(super::service::edit(comment_id, body, rating).await)
}

#[server(prefix = "/api/social", endpoint = "delete_comment")]
pub async fn delete_comment(comment_id: i64) -> Result<(), AppError> {
    reply(super::service::delete(comment_id).await)
}

#[server(prefix = "/api/social", endpoint = "report_comment")]
pub async fn report_comment(comment_id: i64, reason: String) -> Result<(), AppError> {
    reply(super::service::report(comment_id, reason).await)
}

#[server(prefix = "/api/social", endpoint = "reply_comment")]
pub async fn reply_comment(comment_id: i64, body: String) -> Result<(), AppError> {
    reply(super::service::reply(comment_id, body).await)
}

#[server(prefix = "/api/social", endpoint = "reactions")]
pub async fn offer_reactions(offer_id: i64) -> Result<ReactionsView, AppError> {
    reply(super::service::reactions(offer_id).await)
}

#[server(prefix = "/api/social", endpoint = "toggle_reaction")]
pub async fn toggle_reaction(offer_id: i64, kind: String) -> Result<ReactionsView, AppError> {
    reply(super::service::toggle(offer_id, kind).await)
}

#[server(prefix = "/api/social", endpoint = "follow_venue")]
pub async fn follow_venue(venue_id: i64, follow: bool) -> Result<bool, AppError> {
    reply(super::service::follow(venue_id, follow).await)
}

#[server(prefix = "/api/social", endpoint = "follows_venue")]
pub async fn follows_venue(venue_id: i64) -> Result<bool, AppError> {
    reply(super::service::follows(venue_id).await)
}

#[server(prefix = "/api/social", endpoint = "followed_offers")]
pub async fn followed_offers() -> Result<Vec<OfferCard>, AppError> {
    reply(super::service::followed_offers().await)
}

/// Comments waiting for the team, 50 a page after `apres`.
#[server(prefix = "/api/admin", endpoint = "comments_to_review")]
pub async fn comments_to_review(
    apres: Option<i64>,
) -> Result<crate::dto::QueuePage<ReviewView>, AppError> {
    reply(super::service::queue(apres).await)
}

#[server(prefix = "/api/admin", endpoint = "moderate_comment")]
pub async fn moderate_comment(comment_id: i64, approve: bool) -> Result<(), AppError> {
    reply(super::service::moderate(comment_id, approve).await)
}

/// Reported offers waiting for the team, 50 a page after the offer `apres`.
#[server(prefix = "/api/admin", endpoint = "offers_to_review")]
pub async fn offers_to_review(
    apres: Option<i64>,
) -> Result<crate::dto::QueuePage<OfferReportView>, AppError> {
    reply(super::service::offer_queue(apres).await)
}

/// The offer stays: its reports are settled.
#[server(prefix = "/api/admin", endpoint = "keep_offer")]
pub async fn keep_offer(offer_id: i64) -> Result<(), AppError> {
    reply(super::service::keep_offer(offer_id).await)
}

/// The offer is withdrawn: its bookings are cancelled and their credit given back.
#[server(prefix = "/api/admin", endpoint = "withdraw_offer")]
pub async fn withdraw_offer(offer_id: i64, reason: String) -> Result<u64, AppError> {
    reply(super::service::withdraw_offer(offer_id, reason).await)
}
