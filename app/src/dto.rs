//! What crosses the wire between server functions and components. Built on the server
//! from repository rows, already formatted for people (prices, dates, distances).

use domain::account::Role;
use domain::ticket::BookingStatus;
use serde::{Deserialize, Serialize};

/// The person signed in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionUser {
    pub id: i64,
    pub first_name: String,
    pub role: Role,
}

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

/// An offer in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfferCard {
    pub id: i64,
    pub title: String,
    pub category: String,
    pub venue_name: String,
    pub city: String,
    /// From where the person looks; "En ligne" for digital offers.
    pub distance: Option<String>,
    pub price: String,
    pub is_duo: bool,
    pub next_date: Option<String>,
    /// The thumbnail of its image, if it has one.
    pub image: Option<String>,
    /// The category's poster, shown when the offer has no image of its own.
    pub illustration: String,
    /// Visible comments, their average rating ("4,5") and likes.
    pub comments: i64,
    pub rating: Option<String>,
    pub likes: i64,
}

/// An offer and what can be booked of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfferView {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub artist: Option<String>,
    pub category: String,
    pub is_event: bool,
    pub is_duo: bool,
    pub image_url: Option<String>,
    /// The category's poster, shown when the offer has no image of its own.
    pub illustration: String,
    pub venue_id: i64,
    pub venue_name: String,
    pub address: String,
    /// Opens directions to the venue (none for digital offers).
    pub directions_url: Option<String>,
    pub withdrawal_details: Option<String>,
    pub accessibility: Vec<String>,
    pub stocks: Vec<StockOption>,
    /// The price the booking bar announces ("Gratuit", "8,50 €", "Dès 6,50 €"), when a
    /// date or a stock can still be booked.
    pub from_price: Option<String>,
    /// Other bookable offers of the same venue.
    pub same_venue: Vec<OfferCard>,
}

/// One date or price of an offer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StockOption {
    pub id: i64,
    pub label: String,
    /// The day of an event ("sam. 5 déc. 2026"), to group its times.
    pub day: Option<String>,
    /// The time of an event ("20:00"), within its day.
    pub time: Option<String>,
    pub price: String,
    pub price_cents: i64,
    pub availability: String,
    pub bookable: bool,
}

/// A booking as its owner sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BookingView {
    pub id: i64,
    pub token: String,
    pub offer_id: i64,
    pub offer_title: String,
    pub venue: String,
    pub quantity: i64,
    pub amount: String,
    /// What the booking took from the credit, as a sentence ("8,50 € débités de ton
    /// crédit", "Gratuit : rien n'est débité de ton crédit").
    pub debit: String,
    pub status: BookingStatus,
    pub date: Option<String>,
    pub cancellation: Option<String>,
    pub can_cancel: bool,
    /// Street address of the venue, with postal code and city.
    pub address: String,
    pub withdrawal_details: Option<String>,
    /// Seconds left to cancel, when there is a deadline and it has not passed.
    pub seconds_to_cancel: Option<i64>,
    /// Why an ended booking ended ("Expirée : non retirée à temps", ...).
    pub ended: Option<String>,
    /// The QR code of the token, as an SVG document made on the server; none once the
    /// booking is used or cancelled (nothing left to scan).
    pub qr_svg: Option<String>,
}

/// A ticket as the partner sees it at the counter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TicketView {
    pub token: String,
    pub offer_title: String,
    pub beneficiary: String,
    pub quantity: i64,
    pub amount: String,
    pub status: BookingStatus,
    pub date: Option<String>,
}

/// What a new young person types to open an account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewAccount {
    pub email: String,
    pub password: String,
    pub first_name: String,
    pub last_name: String,
    /// `YYYY-MM-DD`, as a date input sends it.
    pub birth_date: String,
    pub departement: String,
}

/// The credit of a young person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WalletView {
    pub policy: String,
    pub balance: String,
    pub balance_cents: i64,
    pub granted: String,
    pub expires_on: String,
    pub days_left: i64,
    /// What remains of each cap the policy sets.
    pub caps: Vec<(String, String)>,
    pub movements: Vec<MovementView>,
}

/// One line of the credit history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MovementView {
    pub date: String,
    pub label: String,
    pub amount: String,
}

/// Someone's credit, or why there is none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum WalletState {
    Credit(WalletView),
    NoCredit(String),
}

/// A favorite offer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FavoriteView {
    pub offer_id: i64,
    pub title: String,
    pub category: String,
    pub venue: String,
}

/// An e-mail waiting in the outbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MailView {
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub date: String,
}

/// An identity waiting for an administrator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IdentityView {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub birth_date: String,
    pub departement: String,
}
