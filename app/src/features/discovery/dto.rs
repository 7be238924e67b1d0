//! What discovery's server functions send to its pages (the home, search, the map, a
//! venue), already written for people.

use crate::dto::OfferCard;
use serde::{Deserialize, Serialize};

/// A place the home page can be centred on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceView {
    pub key: String,
    pub name: String,
}

/// The home page: rows of offers around a place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Home {
    pub place: PlaceView,
    pub places: Vec<PlaceView>,
    pub rows: Vec<HomeRow>,
    /// Every bookable offer around, nearest first (the feed under the rows).
    pub nearby: Vec<OfferCard>,
    /// What the pass gives, for a first visit ("500 € à 18 ans, à dépenser en 24 mois").
    pub pass_pitch: Option<String>,
}

/// One horizontal list of the home page, with the search that shows all of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HomeRow {
    pub title: String,
    pub search_link: String,
    pub offers: Vec<OfferCard>,
}

/// One page of search results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    pub offers: Vec<OfferCard>,
    /// "Autour de Strasbourg (50 km)", "Partout".
    pub area: String,
    pub page: u32,
    pub previous_page: Option<String>,
    pub next_page: Option<String>,
}

/// What the map draws (computed on the server for the visible bounds and zoom).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapFeature {
    pub latitude: f64,
    pub longitude: f64,
    pub offers: i64,
    /// A single venue (tapping previews it); `None` for a cluster (tapping zooms).
    pub venue_id: Option<i64>,
}

/// The map's settings and starting point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapSetup {
    pub tiles_url: String,
    pub attribution: String,
    pub place: PlaceView,
    pub latitude: f64,
    pub longitude: f64,
    pub places: Vec<PlaceView>,
}

/// A venue with its findable offers (map preview and venue page).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VenueView {
    pub id: i64,
    pub name: String,
    pub address: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// Opens directions in the phone's map app.
    pub directions_url: Option<String>,
    pub offers: Vec<OfferCard>,
}
