//! Server functions of the offer page.

use crate::error::AppError;
use crate::features::offer::dto::OfferView;
use leptos::prelude::*;

/// A visible offer with its bookable stocks; `NotFound` for unknown or hidden offers.
#[server(prefix = "/api", endpoint = "offer_details")]
pub async fn offer_details(offer_id: i64) -> Result<OfferView, AppError> {
    crate::ssr::reply(super::service::details(offer_id).await)
}
