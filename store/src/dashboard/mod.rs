//! What the partner dashboard and the structure review ask of the database, as a
//! supertrait of [`crate::Repository`] so the application still holds one repository.
//! Methods take ids the caller has already checked with [`Dashboard::owner_of`] (the
//! one ownership check of the dashboard); counter methods scope by member in SQL.

mod models;
pub(crate) mod sql;

pub use models::*;

use crate::error::StoreError;
use crate::models::NewStock;
use chrono::{DateTime, Utc};
use domain::identifiers::Siren;
use domain::pro::offer::OfferDraft;
use domain::pro::venue::VenueDraft;
use domain::token::Token;

type Result<T> = std::result::Result<T, StoreError>;

#[async_trait::async_trait]
pub trait Dashboard: Send + Sync + 'static {
    // --- ownership ---------------------------------------------------------------------
    /// The structure that owns `thing`, if it exists.
    async fn owner_of(&self, thing: Owned) -> Result<Option<i64>>;
    async fn is_member(&self, structure_id: i64, user_id: i64) -> Result<bool>;

    // --- structures ----------------------------------------------------------------------
    /// A new pending structure, its first member and its virtual venue, together.
    /// `Conflict` when the SIREN is already registered.
    async fn register_structure(
        &self,
        user_id: i64,
        name: &str,
        siren: &Siren,
        now: DateTime<Utc>,
    ) -> Result<i64>;
    async fn structures_of_member(&self, user_id: i64) -> Result<Vec<StructureRow>>;
    async fn structure(&self, structure_id: i64) -> Result<Option<StructureRow>>;
    /// Structures waiting for an administrator, oldest first: a page after the structure
    /// `after`, with how many wait.
    async fn pending_structures(
        &self,
        after: Option<i64>,
        limit: i64,
    ) -> Result<domain::admin::Page<StructureRow>>;
    /// Validates or rejects a pending structure and re-derives what the young can find
    /// of it; `mail`, if any, goes to each of its members. `false` when it was not
    /// pending any more.
    async fn decide_structure(
        &self,
        structure_id: i64,
        validate: bool,
        admin_id: i64,
        mail: Option<&crate::Letter>,
        now: DateTime<Utc>,
    ) -> Result<bool>;
    /// Stores an invitation and the e-mail carrying its link.
    async fn create_invitation(&self, invitation: &NewInvitation, now: DateTime<Utc>)
    -> Result<()>;
    /// Uses an invitation once, for the account of the invited address: the structure
    /// joined, if the link is valid.
    async fn accept_invitation(
        &self,
        token_hash: &str,
        user_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<i64>>;

    // --- venues --------------------------------------------------------------------------
    async fn add_venue(
        &self,
        structure_id: i64,
        venue: &VenueDraft,
        now: DateTime<Utc>,
    ) -> Result<i64>;
    async fn venues_of_structure(&self, structure_id: i64) -> Result<Vec<PartnerVenueRow>>;

    // --- offers and stocks ---------------------------------------------------------------
    /// A new draft offer.
    async fn add_offer(
        &self,
        venue_id: i64,
        offer: &OfferDraft,
        publish_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<i64>;
    /// Rewrites an offer's details (its venue and subcategory stay), re-indexed.
    async fn update_offer(
        &self,
        offer_id: i64,
        offer: &OfferDraft,
        publish_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<()>;
    /// Sets the status people choose (publish, pause), re-indexed.
    async fn set_offer_status(
        &self,
        offer_id: i64,
        status: crate::OfferStatus,
        now: DateTime<Utc>,
    ) -> Result<()>;
    /// The offers of a structure the query selects, newest first: a page after the
    /// offer `query.after`, with how many it selects.
    async fn offers_page(
        &self,
        structure_id: i64,
        query: &PartnerOfferQuery,
        limit: i64,
        now: DateTime<Utc>,
    ) -> Result<domain::admin::Page<PartnerOfferRow>>;
    /// How many offers of a structure are in each state (states without any left out).
    async fn offer_state_counts(
        &self,
        structure_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Vec<(domain::pro::state::OfferState, i64)>>;
    /// The offers of a structure that have been booked, (id, title) by title: what the
    /// bookings list can be filtered by.
    async fn booked_offers(&self, structure_id: i64) -> Result<Vec<(i64, String)>>;
    async fn partner_offer(
        &self,
        offer_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<PartnerOfferRow>>;
    async fn add_price_category(&self, offer_id: i64, label: &str, price_cents: i64)
    -> Result<i64>;
    async fn price_categories(&self, offer_id: i64) -> Result<Vec<PriceCategoryRow>>;
    /// Adds stocks, refusing to go over [`domain::pro::stock::MAX_STOCKS`] (checked in
    /// the transaction).
    async fn add_stocks(
        &self,
        offer_id: i64,
        stocks: &[NewStock],
        now: DateTime<Utc>,
    ) -> Result<usize>;
    async fn stocks_of_offer(&self, offer_id: i64) -> Result<Vec<PartnerStockRow>>;
    /// The offer of a stock that is not deleted.
    async fn offer_of_stock(&self, stock_id: i64) -> Result<Option<i64>>;
    /// Changes a stock: the quantity never below what is booked; a new date moves the
    /// cancellation limit of its bookings.
    async fn change_stock(
        &self,
        stock_id: i64,
        change: &StockChange,
        now: DateTime<Utc>,
    ) -> Result<()>;
    /// Deletes a stock, cancelling its bookings with the credit back. Returns how many
    /// bookings were cancelled.
    async fn delete_stock(&self, stock_id: i64, now: DateTime<Utc>) -> Result<u64>;

    // --- bookings, counter, statement ------------------------------------------------------
    /// A structure's bookings the filter selects, newest first: a page after the booking
    /// `filter.after`, with how many it selects.
    async fn bookings_of_structure(
        &self,
        structure_id: i64,
        filter: &BookingFilter,
        limit: i64,
    ) -> Result<domain::admin::Page<PartnerBookingRow>>;
    /// Puts a used ticket back to confirmed (a validation made by mistake).
    async fn undo_validation(
        &self,
        partner_id: i64,
        token: &Token,
        now: DateTime<Utc>,
    ) -> Result<crate::BookingRow>;
    /// The partner cancels a booking with a reason: credit and seats back.
    async fn cancel_by_partner(
        &self,
        partner_id: i64,
        token: &Token,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<crate::BookingRow>;
    /// Used bookings of a structure's venues in `[since, until)`, in the order they were used.
    async fn used_bookings(
        &self,
        structure_id: i64,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<Vec<UsedBookingRow>>;
    /// Bookings per week since `origin` (week 0 starts at `origin`).
    async fn bookings_per_week(
        &self,
        structure_id: i64,
        origin: DateTime<Utc>,
    ) -> Result<Vec<WeekCount>>;
}
