//! Everything the application asks of its database, as one trait. Server functions are
//! not generic, so the app holds an `Arc<dyn Repository>` chosen at start-up.

use crate::error::StoreError;
use crate::models::*;
use chrono::{DateTime, Utc};
use domain::Cents;
use domain::credit::CreditPolicy;
use domain::text::Email;
use domain::token::Token;

type Result<T> = std::result::Result<T, StoreError>;

#[async_trait::async_trait]
pub trait Repository: crate::Dashboard + crate::Social + Send + Sync + 'static {
    /// Brings the schema up to date (each backend has its own migrations).
    async fn migrate(&self) -> Result<()>;

    // --- credit policies -------------------------------------------------------------
    /// Stores a policy version if it is not there yet; returns its id either way.
    async fn ensure_policy(&self, policy: &CreditPolicy, now: DateTime<Utc>) -> Result<i64>;
    /// The latest version of the policy with this code.
    async fn policy(&self, code: &str) -> Result<Option<(i64, CreditPolicy)>>;

    // --- accounts and sessions -------------------------------------------------------
    async fn create_user(&self, user: &NewUser, now: DateTime<Utc>) -> Result<i64>;
    async fn user_by_email(&self, email: &Email) -> Result<Option<UserRow>>;
    async fn user(&self, user_id: i64) -> Result<Option<UserRow>>;
    async fn create_session(
        &self,
        id_hash: &str,
        user_id: i64,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<()>;
    /// The user of a live session.
    async fn session_user(&self, id_hash: &str, now: DateTime<Utc>) -> Result<Option<UserRow>>;
    async fn delete_session(&self, id_hash: &str) -> Result<()>;
    /// Counts one attempt (a login, a link mail) against `counter` and returns its
    /// attempts in the window, this one included, in one statement: a window that began
    /// before `window_start` starts again at `now` with this attempt.
    async fn count_attempt(
        &self,
        counter: &str,
        now: DateTime<Utc>,
        window_start: DateTime<Utc>,
    ) -> Result<i64>;
    /// Takes one attempt back from `counter` (a login that succeeded), never below zero.
    async fn forgive_attempt(&self, counter: &str) -> Result<()>;
    /// Forgets `counter` (its owner signed in).
    async fn clear_attempts(&self, counter: &str) -> Result<()>;
    /// Deletes what is dead and only a risk if kept: expired sessions, reset links used
    /// or expired, invitations expired, attempt counters whose window closed before
    /// `window_start`. Returns how many rows went.
    async fn purge_expired(&self, now: DateTime<Utc>, window_start: DateTime<Utc>) -> Result<u64>;

    /// Changes the login e-mail (`Conflict` when another account has it).
    async fn set_email(&self, user_id: i64, email: &Email) -> Result<()>;
    /// Replaces a password hash and ends every session of the person.
    async fn set_password(&self, user_id: i64, password_hash: &str) -> Result<()>;
    /// Deletes an account the way the law asks while keeping the books straight: the
    /// person's data is erased from the user row (which stays, anonymous, under the
    /// bookings and the ledger), sessions and favorites are deleted.
    async fn anonymize_user(&self, user_id: i64) -> Result<()>;
    /// Stores a reset link (its hash) and the e-mail that carries it, together.
    async fn create_password_reset(
        &self,
        reset: &NewPasswordReset,
        now: DateTime<Utc>,
    ) -> Result<()>;
    /// Uses a reset link once: the user it was for, if it is valid, unused and unexpired.
    async fn consume_password_reset(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<i64>>;
    /// The latest e-mails of the outbox.
    async fn outbox(&self, limit: i64) -> Result<Vec<MailRow>>;

    // --- identity checks -------------------------------------------------------------
    /// Records the identity check of a new account, already decided or pending.
    async fn submit_identity(&self, user_id: i64, approved: bool, now: DateTime<Utc>)
    -> Result<()>;
    /// Pending checks, oldest first, with who they are for.
    async fn pending_identities(&self, limit: i64) -> Result<Vec<UserRow>>;
    /// Decides a pending check; `false` when it was not pending (decided meanwhile).
    async fn decide_identity(
        &self,
        user_id: i64,
        approve: bool,
        admin_id: i64,
        now: DateTime<Utc>,
    ) -> Result<bool>;

    // --- credit ----------------------------------------------------------------------
    /// Grants (or tops up) a young person's deposit, with its ledger movement.
    async fn grant_deposit(
        &self,
        user_id: i64,
        policy_id: i64,
        amount: Cents,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<i64>;
    async fn wallet(&self, user_id: i64) -> Result<Option<WalletRow>>;
    async fn movements(&self, user_id: i64) -> Result<Vec<MovementRow>>;

    // --- partners and catalogue --------------------------------------------------------
    async fn create_structure(
        &self,
        name: &str,
        siren: &domain::identifiers::Siren,
        status: StructureStatus,
        now: DateTime<Utc>,
    ) -> Result<i64>;
    async fn structure_id_by_siren(&self, siren: &str) -> Result<Option<i64>>;
    async fn add_member(&self, structure_id: i64, user_id: i64) -> Result<()>;
    async fn create_venue(&self, venue: &NewVenue, now: DateTime<Utc>) -> Result<i64>;
    async fn create_offer(&self, offer: &NewOffer, now: DateTime<Utc>) -> Result<i64>;
    async fn create_stock(&self, stock: &NewStock, now: DateTime<Utc>) -> Result<i64>;
    /// Many offers with one stock each, in one transaction (bench data).
    async fn create_offers_with_stocks(
        &self,
        offers: &[(NewOffer, NewStock)],
        now: DateTime<Utc>,
    ) -> Result<()>;
    async fn count_offers(&self) -> Result<i64>;

    // --- discovery -----------------------------------------------------------------------
    /// Findable offers matching a search (one page of it).
    async fn search_offers(&self, search: &OfferSearch) -> Result<Vec<OfferCardRow>>;
    /// The map's per-cell counts of findable offers, zoomed out (levels up to
    /// [`domain::cluster::MAX_STORED_LEVEL`]).
    async fn offer_cells(&self, cells: domain::cluster::CellRange) -> Result<Vec<CellRow>>;
    /// Venues with findable offers inside a box, zoomed in, at most `limit`.
    async fn venues_within(
        &self,
        area: domain::geo::BoundingBox,
        now: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<VenuePointRow>>;
    async fn venue(&self, venue_id: i64) -> Result<Option<VenueRow>>;
    /// A venue's findable offers, next dates first.
    async fn offers_of_venue(
        &self,
        venue_id: i64,
        now: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<OfferCardRow>>;
    async fn offer(&self, offer_id: i64) -> Result<Option<OfferRow>>;
    /// The stocks of an offer that can still be booked at `now`.
    async fn bookable_stocks(&self, offer_id: i64, now: DateTime<Utc>) -> Result<Vec<StockRow>>;

    // --- bookings ------------------------------------------------------------------------
    /// The one booking path: locks, checks every rule, debits, in one transaction.
    async fn book(&self, command: &BookCommand) -> Result<BookingRow>;
    /// The young person cancels their own booking (credit and seats back).
    async fn cancel_by_young(
        &self,
        user_id: i64,
        booking_id: i64,
        now: DateTime<Utc>,
    ) -> Result<BookingRow>;
    async fn bookings_of_user(&self, user_id: i64) -> Result<Vec<BookingRow>>;
    /// One booking of the person (`None` for anyone else's).
    async fn booking_of_user(&self, user_id: i64, booking_id: i64) -> Result<Option<BookingRow>>;
    /// A booking as a partner member of the venue's structure sees it.
    async fn ticket_for_partner(&self, partner_id: i64, token: &Token) -> Result<BookingRow>;
    /// Marks the ticket used at the counter.
    async fn validate_ticket(
        &self,
        partner_id: i64,
        token: &Token,
        now: DateTime<Utc>,
    ) -> Result<BookingRow>;

    // --- favorites ---------------------------------------------------------------------
    /// Adds an offer to the person's favorites (at most `MAX_FAVORITES`; adding twice is
    /// a no-op).
    async fn add_favorite(&self, user_id: i64, offer_id: i64, now: DateTime<Utc>) -> Result<()>;
    async fn remove_favorite(&self, user_id: i64, offer_id: i64) -> Result<()>;
    async fn is_favorite(&self, user_id: i64, offer_id: i64) -> Result<bool>;
    async fn favorites(&self, user_id: i64) -> Result<Vec<FavoriteRow>>;

    // --- scheduled work ------------------------------------------------------------------
    /// Cancels uncollected bookings of things past their delay (30 days, paper books 10),
    /// credit back. Safe to run on several instances at once: each booking is claimed by
    /// a conditional update, so no refund happens twice. Returns how many expired.
    async fn expire_uncollected(&self, now: DateTime<Utc>) -> Result<u64>;
    /// Marks bookings of events that started 48 h ago as used.
    async fn mark_past_events_used(&self, now: DateTime<Utc>) -> Result<u64>;
    /// Re-derives the search index of offers whose next date has passed (the index's
    /// queries already hide what closed; this refreshes prices, dates and the map's
    /// counts). Returns how many offers were looked at.
    async fn reindex_past_offers(&self, now: DateTime<Utc>) -> Result<u64>;
}
