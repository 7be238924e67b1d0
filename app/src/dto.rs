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
    /// A young person's notifications they have not read (the header's bell); 0 for the
    /// others, and where it was not counted (right after signing in).
    #[serde(default)]
    pub unread_notifications: i64,
    /// They opened the link mailed to their address (booking needs it).
    #[serde(default)]
    pub email_verified: bool,
    /// A version of the terms of use or privacy notice awaits their acceptance.
    #[serde(default)]
    pub must_accept_terms: bool,
}

impl SessionUser {
    /// Whether booking waits for this person to open the link mailed to their address.
    pub fn must_verify_address(&self) -> bool {
        self.role == Role::Young && !self.email_verified
    }
}

/// An offer in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfferCard {
    pub id: i64,
    pub title: String,
    pub category: String,
    /// "Librairie Kléber · Strasbourg · 2,3 km"; "… · En ligne" for digital offers (no
    /// city), without the distance when the person gave no place.
    pub place: String,
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
    /// booking is used or cancelled (nothing left to scan), and none for a digital offer.
    pub qr_svg: Option<String>,
    /// How the status reads ("Confirmée", "Disponible" for a digital offer...).
    pub status_label: String,
    /// Listed with the bookings in progress: still to honour, or a digital offer the
    /// person may still open.
    pub ongoing: bool,
    /// A digital offer's access, shown instead of the counter's code and the address.
    pub digital: Option<DigitalAccess>,
}

/// What a digital booking delivers: where to read, watch or listen, and the activation
/// code the booking took, if the offer has codes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DigitalAccess {
    pub url: String,
    pub code: Option<String>,
    /// "Code valable jusqu'au 31 déc. 2026 inclus".
    pub code_validity: Option<String>,
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

/// A page of a work queue of the team: its items, how many wait in all, and the next
/// page's address when there is one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueuePage<T> {
    pub rows: Vec<T>,
    pub summary: String,
    pub next: Option<String>,
}
