//! Server functions of discovery.

use crate::dto::Nearby;
use crate::error::AppError;
use leptos::prelude::*;

/// Bookable offers near a named place (`strasbourg`, `cayenne`, ...), nearest first.
#[server(prefix = "/api", endpoint = "nearby_offers")]
pub async fn nearby_offers(place: Option<String>) -> Result<Nearby, AppError> {
    crate::ssr::reply(super::service::nearby(place).await)
}
