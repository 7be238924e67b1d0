//! Server functions of discovery: the home rows, search, the map and venues. All are
//! open to visitors.

use crate::error::AppError;
use crate::features::discovery::dto::{Home, MapFeature, MapSetup, SearchResults, VenueView};
use domain::search::SearchParams;
use leptos::prelude::*;

/// Rows of bookable offers around a named place (`strasbourg`, `cayenne`, ...).
#[server(prefix = "/api", endpoint = "home")]
pub async fn home_rows(place: Option<String>) -> Result<Home, AppError> {
    crate::ssr::reply(super::service::home(place).await)
}

/// One page of a search; the parameters are the search page's query string.
#[server(prefix = "/api", endpoint = "search", input = leptos::server_fn::codec::GetUrl)]
pub async fn search_offers(
    // An empty search (`/recherche` with no query string) sends no `params` at all.
    #[server(default)] params: SearchParams,
) -> Result<SearchResults, AppError> {
    crate::ssr::reply(super::service::search(params).await)
}

/// The map's tiles and starting point.
#[server(prefix = "/api", endpoint = "map_setup")]
pub async fn map_settings(place: Option<String>) -> Result<MapSetup, AppError> {
    crate::ssr::reply(super::service::map_setup(place))
}

/// Clusters and venues inside the visible bounds at a zoom (0–18).
#[server(prefix = "/api", endpoint = "map_features", input = leptos::server_fn::codec::GetUrl)]
pub async fn map_features(
    south: f64,
    west: f64,
    north: f64,
    east: f64,
    zoom: u8,
) -> Result<Vec<MapFeature>, AppError> {
    crate::ssr::reply(super::service::map_features(south, west, north, east, zoom).await)
}

/// A venue and its bookable offers.
#[server(prefix = "/api", endpoint = "venue")]
pub async fn venue_details(venue_id: i64) -> Result<VenueView, AppError> {
    crate::ssr::reply(super::service::venue(venue_id).await)
}
