//! What the dashboard's server functions send to its pages, already written for people
//! (prices in euros, dates in the venue's time).

use domain::pro::status::StructureStatus;
use domain::ticket::BookingStatus;
use serde::{Deserialize, Serialize};

/// A structure the partner belongs to (or that waits for an administrator).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StructureView {
    pub id: i64,
    pub name: String,
    pub siren: String,
    /// `pending`, `validated`, `rejected`.
    pub status: StructureStatus,
    pub status_label: String,
    pub created: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartnerVenueView {
    pub id: i64,
    pub name: String,
    pub siret: String,
    pub venue_type: String,
    pub address: String,
    pub is_virtual: bool,
}

/// A line of the offers list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfferLine {
    pub id: i64,
    pub title: String,
    pub category: String,
    pub venue_name: String,
    pub state_key: String,
    pub state_label: String,
    pub stocks: i64,
    pub booked: i64,
    pub next_date: Option<String>,
}

/// The offers list with its filters' choices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfferList {
    /// This page's offers, newest first.
    pub offers: Vec<OfferLine>,
    /// How many offers the filters select ("120 offres").
    pub summary: String,
    /// The next page's address, if there is one.
    pub next: Option<String>,
    pub venues: Vec<PartnerVenueView>,
    /// (key, label) of every state.
    pub states: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PriceCategoryView {
    pub id: i64,
    pub label: String,
    pub price: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StockView {
    pub id: i64,
    pub price: String,
    pub price_category: Option<String>,
    /// "Illimité" or a number.
    pub quantity: String,
    pub quantity_value: Option<i64>,
    pub booked: i64,
    pub date: Option<String>,
    /// `datetime-local` values, for the edit form.
    pub begins_at_input: String,
    pub booking_limit: Option<String>,
}

/// Everything the offer page edits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfferEditor {
    pub id: i64,
    pub structure_id: i64,
    pub title: String,
    pub description: String,
    pub artist: String,
    pub url: String,
    pub withdrawal_details: String,
    pub booking_contact: String,
    pub publication_date: String,
    pub image_url: Option<String>,
    pub category: String,
    pub subcategory: String,
    pub is_event: bool,
    pub can_be_duo: bool,
    pub is_duo: bool,
    pub accessibility: domain::catalogue::Accessibility,
    pub venue_name: String,
    pub state_key: String,
    pub state_label: String,
    /// Why the Culture Pass team withdrew it.
    pub rejection_reason: Option<String>,
    /// Why the team gave it back before publishing it (a draft again).
    pub review_note: Option<String>,
    /// It waits for the team before the young can find it.
    pub in_review: bool,
    pub can_publish: bool,
    pub can_pause: bool,
    pub price_categories: Vec<PriceCategoryView>,
    pub stocks: Vec<StockView>,
    pub max_stocks: usize,
    /// A digital offer: its stock may have activation codes.
    pub is_digital: bool,
    /// Its activation codes, once it has some.
    pub codes: Option<CodesView>,
}

/// The activation codes of a digital offer's stock.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CodesView {
    pub stock_id: i64,
    pub free: i64,
    pub given: i64,
    pub expired: i64,
}

/// A booking in the partner's table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BookingLine {
    pub token: String,
    /// The activation code a digital offer's booking took.
    pub activation_code: Option<String>,
    pub offer_title: String,
    pub venue_name: String,
    pub beneficiary: String,
    pub email: String,
    pub quantity: i64,
    pub amount: String,
    pub status: BookingStatus,
    pub status_label: String,
    pub booked_at: String,
    pub event_date: String,
    pub validated_at: String,
}

/// One page of bookings and the links around it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BookingsPage {
    pub bookings: Vec<BookingLine>,
    pub venues: Vec<PartnerVenueView>,
    /// The offers that have bookings, (id, title).
    pub offers: Vec<(i64, String)>,
    /// How many bookings the filters select ("120 réservations").
    pub summary: String,
    /// The next page's address, if there is one.
    pub next: Option<String>,
    /// The filters as a query string (for the export).
    pub query: String,
}

/// A line of the reimbursement statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatementLineView {
    pub venue_name: String,
    pub offer_title: String,
    pub token: String,
    pub beneficiary: String,
    pub used_at: String,
    pub amount: String,
    pub reimbursed: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatementView {
    pub from: String,
    pub until: String,
    pub lines: Vec<StatementLineView>,
    /// (venue, total booked, total reimbursed).
    pub venues: Vec<(String, String, String)>,
    pub total: String,
    pub total_reimbursed: String,
    pub query: String,
}

/// The dashboard's home.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DashboardHome {
    pub structure: StructureView,
    /// (state label, count), only states that have offers.
    pub offers_by_state: Vec<(String, i64)>,
    pub bookings_this_week: i64,
    pub to_reimburse: String,
    /// (week label, bookings), oldest first.
    pub weeks: Vec<(String, i64)>,
}

/// The bookings table's filters, as the URL carries them (`/pro/structures/3/reservations?statut=used`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BookingQuery {
    pub lieu: String,
    pub offre: String,
    pub statut: String,
    /// Booked from this day (`AAAA-MM-JJ`).
    pub du: String,
    /// Booked until this day, included.
    pub au: String,
    /// The event's day.
    pub evenement: String,
    /// The page after this booking.
    pub apres: String,
}

/// The statement's period and venue, as the URL carries them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StatementQuery {
    pub lieu: String,
    pub du: String,
    pub au: String,
}

/// The dates form of an event: a price category, a first and a last day, weekdays
/// (none ticked: every day), times, a quantity per date and how many hours before the
/// start booking closes. One date is a series of one day.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DatesForm {
    pub price_category_id: String,
    pub first_day: String,
    pub last_day: String,
    pub times: String,
    pub quantity: String,
    pub hours_before: String,
    pub mon: bool,
    pub tue: bool,
    pub wed: bool,
    pub thu: bool,
    pub fri: bool,
    pub sat: bool,
    pub sun: bool,
}

/// A structure's team as its members see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamView {
    pub members: Vec<MemberView>,
    /// The one asking administers the structure: they invite, change roles, remove.
    pub manages: bool,
    /// The roles to choose from: (stored name, label).
    pub roles: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberView {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub role: String,
    pub role_label: String,
    /// The one asking.
    pub is_me: bool,
}
