//! What goes in and out of the dashboard's queries.

use crate::time::{MaybeSeconds, Seconds};
use chrono::{DateTime, Utc};
use domain::Cents;
use domain::pro::state::{OfferState, StockSummary};
use domain::pro::status::{OfferStatus, StructureStatus};
use domain::ticket::BookingStatus;

/// Something of a structure whose owner must be checked before it is read or changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owned {
    Structure(i64),
    Venue(i64),
    Offer(i64),
    Stock(i64),
    /// A booking, by its token (the counter).
    Ticket(domain::token::Token),
}

/// A partner structure.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StructureRow {
    pub id: i64,
    pub name: String,
    pub siren: String,
    #[sqlx(try_from = "String")]
    pub status: StructureStatus,
    #[sqlx(try_from = "Seconds")]
    pub created_at: DateTime<Utc>,
}

/// A venue as its partner manages it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PartnerVenueRow {
    pub id: i64,
    pub name: String,
    pub siret: Option<String>,
    pub siret_missing_reason: Option<String>,
    pub venue_type: String,
    pub address: String,
    pub postal_code: String,
    pub city: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub is_virtual: bool,
    pub withdrawal_details: Option<String>,
    pub contact_email: Option<String>,
}

/// What the partner's offers list asks for: one venue or all, one state or all, and the
/// page after an offer.
#[derive(Debug, Clone, Default)]
pub struct PartnerOfferQuery {
    pub venue_id: Option<i64>,
    pub state: Option<domain::pro::state::OfferState>,
    pub after: Option<i64>,
}

/// An offer in the partner's list, with what its state is computed from.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PartnerOfferRow {
    pub id: i64,
    pub title: String,
    pub subcategory: String,
    pub venue_id: i64,
    pub venue_name: String,
    pub postal_code: String,
    pub is_virtual: bool,
    #[sqlx(try_from = "String")]
    pub status: OfferStatus,
    pub is_duo: bool,
    pub url: Option<String>,
    pub description: String,
    pub artist: Option<String>,
    pub withdrawal_details: Option<String>,
    pub booking_contact: Option<String>,
    pub image_url: Option<String>,
    #[sqlx(try_from = "MaybeSeconds")]
    pub publish_at: Option<DateTime<Utc>>,
    pub audio_accessible: bool,
    pub mental_accessible: bool,
    pub motor_accessible: bool,
    pub visual_accessible: bool,
    /// Why an administrator withdrew it.
    pub rejection_reason: Option<String>,
    /// Why the team gave the offer back to its partner (a draft again).
    pub review_note: Option<String>,
    pub stocks: i64,
    pub open_stocks: i64,
    pub open_with_seats: i64,
    pub booked: i64,
    #[sqlx(try_from = "MaybeSeconds")]
    pub next_begins_at: Option<DateTime<Utc>>,
}

impl PartnerOfferRow {
    pub fn accessibility(&self) -> domain::catalogue::Accessibility {
        domain::catalogue::Accessibility {
            audio: self.audio_accessible,
            mental: self.mental_accessible,
            motor: self.motor_accessible,
            visual: self.visual_accessible,
        }
    }

    pub fn state(&self) -> OfferState {
        OfferState::of(
            self.status,
            StockSummary {
                open: self.open_stocks,
                with_seats: self.open_with_seats,
            },
        )
    }
}

/// A price category of an event.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PriceCategoryRow {
    pub id: i64,
    pub label: String,
    pub price_cents: i64,
}

/// A stock as the partner edits it (deleted ones are not listed).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PartnerStockRow {
    pub id: i64,
    pub price_cents: i64,
    pub price_category: Option<String>,
    pub quantity: Option<i64>,
    pub booked: i64,
    #[sqlx(try_from = "MaybeSeconds")]
    pub booking_limit_at: Option<DateTime<Utc>>,
    #[sqlx(try_from = "MaybeSeconds")]
    pub begins_at: Option<DateTime<Utc>>,
}

/// Changes to a stock.
#[derive(Debug, Clone)]
pub struct StockChange {
    pub quantity: Option<i64>,
    pub booking_limit: Option<DateTime<Utc>>,
    pub begins_at: Option<DateTime<Utc>>,
}

/// The filters of the partner's bookings table.
#[derive(Debug, Clone, Default)]
pub struct BookingFilter {
    pub venue_id: Option<i64>,
    pub offer_id: Option<i64>,
    pub status: Option<String>,
    /// Booked in `[from, until)`.
    pub booked_between: Option<(DateTime<Utc>, DateTime<Utc>)>,
    /// The event starts in `[from, until)`.
    pub event_between: Option<(DateTime<Utc>, DateTime<Utc>)>,
    /// The page after this booking (in the table's order: booked later, or at the same
    /// instant with a larger id, come first).
    pub after: Option<i64>,
}

/// A booking in the partner's table and export.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PartnerBookingRow {
    pub id: i64,
    pub token: String,
    pub offer_id: i64,
    pub offer_title: String,
    pub venue_name: String,
    pub postal_code: String,
    pub beneficiary_name: String,
    pub email: Option<String>,
    pub quantity: i64,
    pub amount_cents: i64,
    #[sqlx(try_from = "String")]
    pub status: BookingStatus,
    pub cancellation_reason: Option<String>,
    #[sqlx(try_from = "Seconds")]
    pub booked_at: DateTime<Utc>,
    #[sqlx(try_from = "MaybeSeconds")]
    pub used_at: Option<DateTime<Utc>>,
    #[sqlx(try_from = "MaybeSeconds")]
    pub begins_at: Option<DateTime<Utc>>,
    /// The activation code the booking took, for a digital offer that has codes.
    pub activation_code: Option<String>,
}

impl PartnerBookingRow {
    pub fn amount(&self) -> Cents {
        Cents(self.amount_cents)
    }
}

/// A used booking, for the reimbursement statement.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UsedBookingRow {
    pub booking_id: i64,
    pub token: String,
    pub venue_id: i64,
    pub venue_name: String,
    pub offer_title: String,
    pub subcategory: String,
    pub beneficiary_name: String,
    pub amount_cents: i64,
    #[sqlx(try_from = "Seconds")]
    pub used_at: DateTime<Utc>,
}

/// Bookings made in a week (`week` counts weeks from the query's origin).
#[derive(Debug, Clone, Copy, sqlx::FromRow)]
pub struct WeekCount {
    pub week: i64,
    pub bookings: i64,
}

/// The counts of the dashboard's home.
#[derive(Debug, Clone, Default)]
pub struct StructureStats {
    pub offers: Vec<PartnerOfferRow>,
    pub bookings_this_week: i64,
    pub weeks: Vec<WeekCount>,
}

/// An invitation to join a structure, as stored with its e-mail.
#[derive(Debug, Clone)]
pub struct NewInvitation {
    pub structure_id: i64,
    pub email: String,
    /// What the colleague becomes in the team.
    pub role: domain::pro::team::MemberRole,
    pub token_hash: String,
    pub invited_by: i64,
    pub expires_at: DateTime<Utc>,
    pub mail: crate::OutgoingMail,
}

/// An offer's image, already resized and encoded.
#[derive(Debug, Clone)]
pub struct NewOfferImage {
    pub large: Vec<u8>,
    pub thumbnail: Vec<u8>,
    pub width: i64,
    pub height: i64,
}
