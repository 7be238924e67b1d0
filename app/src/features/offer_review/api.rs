//! The offer review's server functions, under `/api/admin/`.

use super::dto::TeamOffersPage;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::ssr::reply;
use leptos::prelude::*;

/// Offers by words of their title, structure or venue (`q`) and status (`statut`: its
/// key, "toutes", or the waiting ones when empty), 50 a page after the cursor `apres`.
#[server(prefix = "/api/admin", endpoint = "team_offers")]
pub async fn team_offers(
    q: String,
    statut: String,
    apres: Option<i64>,
) -> Result<TeamOffersPage, AppError> {
    reply(super::service::list(q, statut, apres).await)
}

/// Publishes a waiting offer (`approve`), or gives it back to its partner with `reason`.
#[server(prefix = "/api/admin", endpoint = "decide_offer")]
pub async fn decide_offer(offer_id: i64, approve: bool, reason: String) -> Result<(), AppError> {
    reply(super::service::decide(offer_id, approve, reason).await)
}
