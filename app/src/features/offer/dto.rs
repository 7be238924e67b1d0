//! What the offer page's server function sends: the offer, its stocks as choices.

use crate::dto::{OfferCard, StockOption};
use serde::{Deserialize, Serialize};

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
    /// For a digital offer, said before booking: it is delivered at once and cannot be
    /// cancelled.
    pub delivery_notice: Option<String>,
    pub accessibility: Vec<String>,
    pub stocks: Vec<StockOption>,
    /// The price the booking bar announces ("Gratuit", "8,50 €", "Dès 6,50 €"), when a
    /// date or a stock can still be booked.
    pub from_price: Option<String>,
    /// Other bookable offers of the same venue.
    pub same_venue: Vec<OfferCard>,
}
