//! Everything the product holds about one person, for the copy they download from their
//! profile (the GDPR's right of access, article 15): their account and an address
//! waiting for its link, identity check, credit and its ledger, bookings, favorites,
//! comments, the comments they found helpful, their reports, reactions, followed venues,
//! a partner's structures, sessions, mail choices and the messages written to them.
//! Never a secret (no password hash, session key, link or message body: those carry
//! keys) and nothing of anyone else (a message to an address they hold now but another
//! account held before is not theirs).

use crate::backend::{Db, Store};
use crate::error::StoreError;
use crate::time::{MaybeSeconds, Seconds};
use chrono::{DateTime, Utc};
use serde::Serialize;

type Result<T> = std::result::Result<T, StoreError>;

/// The copy of a person's data.
#[async_trait::async_trait]
pub trait PersonalData: Send + Sync + 'static {
    /// Everything held about `user_id` (`NotFound` for no such person).
    async fn personal_data(&self, user_id: i64) -> Result<PersonData>;
}

/// What the download holds, section by section.
#[derive(Debug, Clone, Serialize)]
pub struct PersonData {
    pub account: AccountData,
    /// A new address whose link is still to be opened.
    pub address_awaiting_check: Option<AddressCheckData>,
    /// Each acceptance of the terms of use and the privacy notice.
    pub legal_acceptances: Vec<LegalAcceptanceData>,
    pub identity_check: Option<IdentityCheckData>,
    pub credit: Vec<DepositData>,
    /// When their next age band is looked at (midnight on that birthday, their time).
    pub next_grant_due_at: Option<DateTime<Utc>>,
    pub ledger: Vec<MovementData>,
    pub bookings: Vec<BookingData>,
    pub favorites: Vec<FavoriteData>,
    pub comments: Vec<CommentData>,
    /// Comments they marked helpful.
    pub helpful_marks: Vec<HelpfulData>,
    pub reports: Vec<ReportData>,
    pub reactions: Vec<ReactionData>,
    pub followed_venues: Vec<FollowedVenueData>,
    /// A partner's structures.
    pub structures: Vec<StructureData>,
    pub sessions: Vec<SessionData>,
    /// The devices notifications are pushed to (their push service, and when).
    pub push_devices: Vec<PushDeviceData>,
    pub mail_choices: Vec<MailChoiceData>,
    pub messages: Vec<MessageData>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct AccountData {
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub role: String,
    pub birth_date: Option<String>,
    pub departement: Option<String>,
    #[sqlx(try_from = "Seconds")]
    pub created_at: DateTime<Utc>,
    #[sqlx(try_from = "MaybeSeconds")]
    pub email_verified_at: Option<DateTime<Utc>>,
    #[sqlx(try_from = "MaybeSeconds")]
    pub suspended_at: Option<DateTime<Utc>>,
    /// Why an administrator suspended the account.
    pub suspension_reason: Option<String>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct AddressCheckData {
    pub email: String,
    #[sqlx(try_from = "Seconds")]
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct IdentityCheckData {
    pub status: String,
    #[sqlx(try_from = "Seconds")]
    pub submitted_at: DateTime<Utc>,
    #[sqlx(try_from = "MaybeSeconds")]
    pub decided_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct LegalAcceptanceData {
    pub terms_version: i64,
    pub privacy_version: i64,
    #[sqlx(try_from = "Seconds")]
    pub accepted_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct DepositData {
    pub policy: String,
    pub policy_version: i64,
    pub amount_cents: i64,
    pub balance_cents: i64,
    #[sqlx(try_from = "Seconds")]
    pub granted_at: DateTime<Utc>,
    #[sqlx(try_from = "Seconds")]
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct MovementData {
    pub kind: String,
    pub amount_cents: i64,
    /// The highest age band a grant covers.
    pub grant_age: Option<i64>,
    pub offer_title: Option<String>,
    #[sqlx(try_from = "Seconds")]
    pub created_at: DateTime<Utc>,
    /// Why an administrator corrected the credit.
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct BookingData {
    pub token: String,
    pub offer_title: String,
    pub venue: String,
    pub quantity: i64,
    pub amount_cents: i64,
    pub status: String,
    pub cancellation_reason: Option<String>,
    #[sqlx(try_from = "Seconds")]
    pub booked_at: DateTime<Utc>,
    #[sqlx(try_from = "MaybeSeconds")]
    pub event_at: Option<DateTime<Utc>>,
    #[sqlx(try_from = "MaybeSeconds")]
    pub cancellation_limit_at: Option<DateTime<Utc>>,
    #[sqlx(try_from = "MaybeSeconds")]
    pub used_at: Option<DateTime<Utc>>,
    #[sqlx(try_from = "MaybeSeconds")]
    pub cancelled_at: Option<DateTime<Utc>>,
    /// The activation code a digital offer's booking took.
    pub activation_code: Option<String>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct FavoriteData {
    pub offer_title: String,
    #[sqlx(try_from = "Seconds")]
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct CommentData {
    /// The offer's title or the venue's name.
    pub about: String,
    pub body: String,
    pub rating: Option<i64>,
    pub status: String,
    #[sqlx(try_from = "Seconds")]
    pub created_at: DateTime<Utc>,
    #[sqlx(try_from = "MaybeSeconds")]
    pub edited_at: Option<DateTime<Utc>>,
    #[sqlx(try_from = "MaybeSeconds")]
    pub deleted_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct HelpfulData {
    /// The offer's title or the venue's name the comment is about.
    pub about: String,
    #[sqlx(try_from = "Seconds")]
    pub created_at: DateTime<Utc>,
}

/// A report on a comment or an offer.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct ReportData {
    /// "comment" or "offer".
    pub kind: String,
    /// The offer's title (or, for a comment, what the comment is about).
    pub about: String,
    pub reason: String,
    #[sqlx(try_from = "Seconds")]
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct StructureData {
    pub name: String,
    pub siren: String,
    pub status: String,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct ReactionData {
    pub offer_title: String,
    pub kind: String,
    #[sqlx(try_from = "Seconds")]
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct FollowedVenueData {
    pub venue: String,
    #[sqlx(try_from = "Seconds")]
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct SessionData {
    #[sqlx(try_from = "Seconds")]
    pub created_at: DateTime<Utc>,
    #[sqlx(try_from = "Seconds")]
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct PushDeviceData {
    /// The push service's address for the device (its keys are left out).
    pub endpoint: String,
    #[sqlx(try_from = "Seconds")]
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct MailChoiceData {
    pub kind: String,
    pub channel: String,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct MessageData {
    pub kind: String,
    pub subject: String,
    pub status: String,
    #[sqlx(try_from = "Seconds")]
    pub created_at: DateTime<Utc>,
    #[sqlx(try_from = "MaybeSeconds")]
    pub sent_at: Option<DateTime<Utc>>,
}

const ACCOUNT: &str = "SELECT email, first_name, last_name, role, birth_date, departement, \
    created_at, email_verified_at, suspended_at, suspension_reason FROM users WHERE id = $1";

const ADDRESS_AWAITING_CHECK: &str = "SELECT c.email, c.expires_at FROM email_checks c \
    JOIN users u ON u.id = c.user_id \
    WHERE c.user_id = $1 AND c.used_at IS NULL AND c.email <> u.email \
    ORDER BY c.created_at DESC LIMIT 1";

const IDENTITY_CHECK: &str =
    "SELECT status, submitted_at, decided_at FROM identity_checks WHERE user_id = $1";

const LEGAL_ACCEPTANCES: &str = "SELECT terms_version, privacy_version, accepted_at \
    FROM legal_acceptances WHERE user_id = $1 ORDER BY accepted_at";

const CREDIT: &str = "SELECT p.name AS policy, p.version AS policy_version, d.amount_cents, d.balance_cents, d.granted_at, \
    d.expires_at FROM deposits d JOIN credit_policies p ON p.id = d.policy_id \
    WHERE d.user_id = $1 ORDER BY d.granted_at";

const NEXT_GRANT: &str = "SELECT due_at FROM upcoming_grants WHERE user_id = $1";

const LEDGER: &str = "SELECT m.kind, m.amount_cents, m.grant_age, o.title AS offer_title, m.created_at, m.note \
    FROM credit_movements m JOIN deposits d ON d.id = m.deposit_id \
    LEFT JOIN bookings b ON b.id = m.booking_id LEFT JOIN offers o ON o.id = b.offer_id \
    WHERE d.user_id = $1 ORDER BY m.created_at, m.id";

const BOOKINGS: &str = "SELECT b.token, o.title AS offer_title, v.name AS venue, b.quantity, \
    b.amount_cents, b.status, b.cancellation_reason, b.booked_at, s.begins_at AS event_at, \
    b.cancellation_limit_at, b.used_at, b.cancelled_at, ac.code AS activation_code \
    FROM bookings b JOIN offers o ON o.id = b.offer_id JOIN venues v ON v.id = o.venue_id \
    JOIN stocks s ON s.id = b.stock_id LEFT JOIN activation_codes ac ON ac.booking_id = b.id \
    WHERE b.user_id = $1 ORDER BY b.booked_at, b.id";

const FAVORITES: &str = "SELECT o.title AS offer_title, f.created_at FROM favorites f \
    JOIN offers o ON o.id = f.offer_id WHERE f.user_id = $1 ORDER BY f.created_at, f.offer_id";

const COMMENTS: &str = "SELECT COALESCE(o.title, v.name) AS about, c.body, c.rating, c.status, \
    c.created_at, c.edited_at, c.deleted_at FROM comments c \
    LEFT JOIN offers o ON o.id = c.offer_id LEFT JOIN venues v ON v.id = c.venue_id \
    WHERE c.author_id = $1 ORDER BY c.created_at, c.id";

const HELPFUL_MARKS: &str = "SELECT COALESCE(o.title, v.name) AS about, h.created_at \
    FROM comment_helpful h JOIN comments c ON c.id = h.comment_id \
    LEFT JOIN offers o ON o.id = c.offer_id LEFT JOIN venues v ON v.id = c.venue_id \
    WHERE h.user_id = $1 ORDER BY h.created_at, h.comment_id";

const REPORTS: &str = "SELECT 'comment' AS kind, COALESCE(o.title, v.name) AS about, r.reason, \
    r.created_at AS created_at FROM comment_reports r JOIN comments c ON c.id = r.comment_id \
    LEFT JOIN offers o ON o.id = c.offer_id LEFT JOIN venues v ON v.id = c.venue_id \
    WHERE r.reporter_id = $1 \
    UNION ALL SELECT 'offer' AS kind, o.title AS about, r.reason, \
    r.created_at AS created_at FROM offer_reports r JOIN offers o ON o.id = r.offer_id WHERE r.reporter_id = $1 \
    ORDER BY created_at, about";

const REACTIONS: &str = "SELECT o.title AS offer_title, r.kind, r.created_at FROM reactions r \
    JOIN offers o ON o.id = r.offer_id WHERE r.user_id = $1 \
    ORDER BY r.created_at, r.offer_id, r.kind";

const FOLLOWED_VENUES: &str = "SELECT v.name AS venue, f.created_at FROM venue_follows f \
    JOIN venues v ON v.id = f.venue_id WHERE f.user_id = $1 ORDER BY f.created_at, f.venue_id";

const STRUCTURES: &str = "SELECT s.name, s.siren, s.status FROM structure_members m \
    JOIN structures s ON s.id = m.structure_id WHERE m.user_id = $1 ORDER BY s.name, s.id";

const SESSIONS: &str = "SELECT created_at, expires_at FROM sessions WHERE user_id = $1 \
    ORDER BY created_at, expires_at";

const PUSH_DEVICES: &str = "SELECT endpoint, created_at FROM push_subscriptions \
    WHERE user_id = $1 ORDER BY created_at, id";

const MAIL_CHOICES: &str =
    "SELECT kind, channel FROM mail_choices WHERE user_id = $1 ORDER BY kind";

/// Messages to the person, by their id or, for those written to an address (links), by
/// their address since they have had an account (the address may have been another
/// account's before).
const MESSAGES: &str = "SELECT m.kind, m.subject, m.status, m.created_at, m.sent_at \
    FROM outbox m JOIN users u ON u.id = $1 \
    WHERE m.user_id = $1 \
    OR (m.user_id IS NULL AND m.recipient = u.email AND m.created_at >= u.created_at) \
    ORDER BY m.created_at, m.id";

#[async_trait::async_trait]
impl<DB: Db> PersonalData for Store<DB> {
    #[tracing::instrument(skip(self))]
    async fn personal_data(&self, user_id: i64) -> Result<PersonData> {
        // One snapshot: a booking made meanwhile is in every section or in none.
        let mut tx = self.pool.begin_with(DB::SNAPSHOT_READ).await?;
        let account = sqlx::query_as(ACCOUNT)
            .bind(user_id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        let address_awaiting_check = sqlx::query_as(ADDRESS_AWAITING_CHECK)
            .bind(user_id)
            .fetch_optional(&mut *tx)
            .await?;
        let identity_check = sqlx::query_as(IDENTITY_CHECK)
            .bind(user_id)
            .fetch_optional(&mut *tx)
            .await?;
        macro_rules! all {
            ($statement:expr) => {
                sqlx::query_as($statement)
                    .bind(user_id)
                    .fetch_all(&mut *tx)
                    .await?
            };
        }
        let data = PersonData {
            account,
            address_awaiting_check,
            legal_acceptances: all!(LEGAL_ACCEPTANCES),
            identity_check,
            credit: all!(CREDIT),
            next_grant_due_at: sqlx::query_scalar::<_, i64>(NEXT_GRANT)
                .bind(user_id)
                .fetch_optional(&mut *tx)
                .await?
                .map(crate::time::from_db),
            ledger: all!(LEDGER),
            bookings: all!(BOOKINGS),
            favorites: all!(FAVORITES),
            comments: all!(COMMENTS),
            helpful_marks: all!(HELPFUL_MARKS),
            reports: all!(REPORTS),
            reactions: all!(REACTIONS),
            followed_venues: all!(FOLLOWED_VENUES),
            structures: all!(STRUCTURES),
            sessions: all!(SESSIONS),
            push_devices: all!(PUSH_DEVICES),
            mail_choices: all!(MAIL_CHOICES),
            messages: all!(MESSAGES),
        };
        tx.commit().await?;
        Ok(data)
    }
}
