//! Server functions of favorites.

use crate::error::AppError;
use crate::features::favorites::dto::FavoriteView;
use leptos::prelude::*;

/// Adds the offer to the signed-in person's favorites, or removes it; returns whether it
/// is a favorite now.
#[server(prefix = "/api", endpoint = "toggle_favorite")]
pub async fn toggle_favorite(offer_id: i64) -> Result<bool, AppError> {
    crate::ssr::reply(super::service::toggle(offer_id).await)
}

/// Whether the offer is among the signed-in person's favorites (false when signed out).
#[server(prefix = "/api", endpoint = "is_favorite")]
pub async fn is_favorite(offer_id: i64) -> Result<bool, AppError> {
    crate::ssr::reply(super::service::is_favorite(offer_id).await)
}

/// The signed-in person's favorites, newest first.
#[server(prefix = "/api", endpoint = "my_favorites")]
pub async fn my_favorites() -> Result<Vec<FavoriteView>, AppError> {
    crate::ssr::reply(super::service::mine().await)
}

/// The offers the signed-in person keeps as favorites (empty for visitors).
#[server(prefix = "/api", endpoint = "my_favorite_ids")]
pub async fn my_favorite_ids() -> Result<Vec<i64>, AppError> {
    crate::ssr::reply(super::service::ids().await)
}
