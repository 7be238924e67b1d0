//! What goes in and out of the repository: commands (`New*`) with parsed domain types,
//! and rows (`*Row`) as the database returns them. Rows are not wire types; the app maps
//! them to its own DTOs.

use crate::time::{MaybeSeconds, Seconds};
use chrono::{DateTime, NaiveDate, Utc};
use domain::Cents;
use domain::account::Role;
use domain::geo::Position;
use domain::text::Email;
use domain::ticket::BookingStatus;

/// A person with an account.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UserRow {
    pub id: i64,
    pub email: String,
    pub password_hash: String,
    pub first_name: String,
    pub last_name: String,
    pub role: String,
    pub birth_date: Option<String>,
    pub departement: Option<String>,
    /// The person opened the link mailed to their address.
    pub email_verified: bool,
    /// The versions of the terms of use and privacy notice they accepted last.
    pub terms_version: Option<i64>,
    pub privacy_version: Option<i64>,
    /// An administrator suspended the account: no sign-in, booking or comment.
    pub suspended: bool,
    /// The language they chose (a tag such as `fr`), if they chose one.
    pub language: Option<String>,
}

impl UserRow {
    pub fn role(&self) -> Option<Role> {
        Role::parse(&self.role)
    }

    pub fn birth_date(&self) -> Option<NaiveDate> {
        self.birth_date
            .as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    }

    /// The texts they accepted last (none for an account older than the texts).
    pub fn legal_acceptance(&self) -> Option<domain::legal::Acceptance> {
        stored_acceptance(self.terms_version, self.privacy_version)
    }
}

/// The versions of the texts a user row says were accepted (none for an account older
/// than the texts).
pub(crate) fn stored_acceptance(
    terms: Option<i64>,
    privacy: Option<i64>,
) -> Option<domain::legal::Acceptance> {
    Some(domain::legal::Acceptance {
        terms: u32::try_from(terms?).ok()?,
        privacy: u32::try_from(privacy?).ok()?,
    })
}

#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: Email,
    pub password_hash: String,
    pub first_name: String,
    pub last_name: String,
    pub role: Role,
    pub birth_date: Option<NaiveDate>,
    pub departement: Option<String>,
}

/// A young person's credit, with what the caps have already absorbed.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct WalletRow {
    pub deposit_id: i64,
    pub policy_code: String,
    /// The version the deposit was granted under, in words.
    pub policy_name: String,
    pub policy_version: i64,
    pub amount_cents: i64,
    pub balance_cents: i64,
    #[sqlx(try_from = "Seconds")]
    pub expires_at: DateTime<Utc>,
    pub digital_cap_cents: Option<i64>,
    pub physical_cap_cents: Option<i64>,
    pub digital_spent_cents: i64,
    pub physical_spent_cents: i64,
}

impl WalletRow {
    pub fn balance(&self) -> Cents {
        Cents(self.balance_cents)
    }
}

pub use domain::catalogue::Accessibility;
pub use domain::pro::status::{OfferStatus, StructureStatus};

/// A stock to add: the price comes from its category for events.
#[derive(Debug, Clone)]
pub struct NewStock {
    pub price_cents: i64,
    pub price_category_id: Option<i64>,
    pub quantity: Option<i64>,
    pub booking_limit: Option<DateTime<Utc>>,
    pub begins_at: Option<DateTime<Utc>>,
}

/// A checked search ([`domain::search::Search`]) resolved to what the index stores:
/// subcategory ids for a group, cents for "within my credit", instants for periods.
#[derive(Debug, Clone)]
pub struct OfferSearch {
    pub terms: Vec<String>,
    /// Any of these (empty: every subcategory).
    pub subcategories: Vec<String>,
    pub max_price_cents: Option<i64>,
    /// An event stock starts in `[from, until)`.
    pub starts_between: Option<(DateTime<Utc>, DateTime<Utc>)>,
    /// Where distances are measured from.
    pub center: Option<Position>,
    /// Only offers within this radius of `center` (`None`: everywhere, digital included).
    pub radius_km: Option<f64>,
    pub duo_only: bool,
    pub digital_only: bool,
    pub access: domain::search::NeedsAccess,
    pub sort: domain::search::Sort,
    pub limit: i64,
    pub offset: i64,
    pub now: DateTime<Utc>,
}

impl OfferSearch {
    /// Everything bookable, nearest first when there is a centre.
    pub fn around(center: Option<Position>, radius_km: Option<f64>, now: DateTime<Utc>) -> Self {
        OfferSearch {
            terms: Vec::new(),
            subcategories: Vec::new(),
            max_price_cents: None,
            starts_between: None,
            center,
            radius_km,
            duo_only: false,
            digital_only: false,
            access: Default::default(),
            sort: if center.is_some() {
                domain::search::Sort::Distance
            } else {
                domain::search::Sort::Date
            },
            limit: i64::from(domain::search::PAGE_SIZE),
            offset: 0,
            now,
        }
    }
}

/// A venue with bookable offers, for the map.
#[derive(Debug, Clone, Copy, sqlx::FromRow)]
pub struct VenuePointRow {
    pub venue_id: i64,
    pub latitude: f64,
    pub longitude: f64,
    pub offers: i64,
}

impl VenuePointRow {
    /// The venue as the map's clustering sees it.
    pub fn point(&self) -> domain::cluster::VenuePoint {
        domain::cluster::VenuePoint {
            venue_id: self.venue_id,
            position: Position {
                latitude: self.latitude,
                longitude: self.longitude,
            },
            offers: self.offers,
        }
    }
}

/// A grid cell's running count of bookable offers (migration 0007).
#[derive(Debug, Clone, Copy, sqlx::FromRow)]
pub struct CellRow {
    pub x: i64,
    pub y: i64,
    pub offers: i64,
    pub latitude_sum: f64,
    pub longitude_sum: f64,
}

/// A venue, for its page.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct VenueRow {
    pub id: i64,
    pub name: String,
    pub venue_type: String,
    pub address: String,
    pub postal_code: String,
    pub city: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub is_virtual: bool,
    #[sqlx(try_from = "String")]
    pub structure_status: StructureStatus,
}

impl VenueRow {
    /// Venues of structures not validated yet are not shown to the young.
    pub fn is_visible(&self) -> bool {
        self.structure_status == StructureStatus::Validated
    }
}

/// An offer as a card in a list.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OfferCardRow {
    pub id: i64,
    pub title: String,
    pub subcategory: String,
    pub venue_name: String,
    pub city: String,
    pub postal_code: String,
    /// `None` for digital offers.
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub is_duo: bool,
    pub min_price_cents: i64,
    #[sqlx(try_from = "MaybeSeconds")]
    pub next_begins_at: Option<DateTime<Utc>>,
    /// The thumbnail of the offer's image, if it has one.
    pub thumbnail_url: Option<String>,
}

/// An offer with its venue, for the offer page.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OfferRow {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub artist: Option<String>,
    pub subcategory: String,
    pub url: Option<String>,
    pub is_duo: bool,
    /// The large version of its image, if the partner sent one.
    pub image_url: Option<String>,
    /// Hidden from the young until then.
    #[sqlx(try_from = "MaybeSeconds")]
    pub publish_at: Option<DateTime<Utc>>,
    pub withdrawal_details: Option<String>,
    pub audio_accessible: bool,
    pub mental_accessible: bool,
    pub motor_accessible: bool,
    pub visual_accessible: bool,
    #[sqlx(try_from = "String")]
    pub status: OfferStatus,
    pub venue_id: i64,
    pub venue_name: String,
    pub address: String,
    pub postal_code: String,
    pub city: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    #[sqlx(try_from = "String")]
    pub structure_status: StructureStatus,
}

impl OfferRow {
    /// Shown to the young at `now`: published by a validated partner, its publication
    /// date reached.
    pub fn is_visible(&self, now: DateTime<Utc>) -> bool {
        self.status == OfferStatus::Published
            && self.structure_status == StructureStatus::Validated
            && self.publish_at.is_none_or(|at| at <= now)
    }
}

/// A bookable stock of an offer.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StockRow {
    pub id: i64,
    pub price_cents: i64,
    pub quantity: Option<i64>,
    pub booked: i64,
    #[sqlx(try_from = "MaybeSeconds")]
    pub booking_limit_at: Option<DateTime<Utc>>,
    #[sqlx(try_from = "MaybeSeconds")]
    pub begins_at: Option<DateTime<Utc>>,
}

impl StockRow {
    pub fn remaining(&self) -> Option<i64> {
        self.quantity.map(|q| q - self.booked)
    }
}

/// A young person asks for seats of a stock.
#[derive(Debug, Clone)]
pub struct BookCommand {
    pub booker: Booker,
    pub stock_id: i64,
    pub quantity: i64,
    /// The same key from the same user returns the booking made the first time.
    pub idempotency_key: Option<String>,
    pub now: DateTime<Utc>,
}

/// Who books. A request signed in by a session names the session: the booking's first
/// statement reads its person, so the booking costs no separate round trip to find them
/// (sessions expired, or of a suspended person, book nothing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Booker {
    /// The person with this id (tools, tests, benchmarks).
    Person(i64),
    /// The person signed in by the session whose stored id (hash) this is.
    Session(String),
}

/// A booking with what a ticket or a bookings list shows.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BookingRow {
    pub id: i64,
    pub token: String,
    pub user_id: Option<i64>,
    pub stock_id: i64,
    pub offer_id: i64,
    pub deposit_id: i64,
    pub offer_title: String,
    pub subcategory: String,
    pub withdrawal_details: Option<String>,
    pub venue_name: String,
    pub address: String,
    pub city: String,
    pub postal_code: String,
    pub beneficiary_name: String,
    pub quantity: i64,
    pub amount_cents: i64,
    /// The cap the booking counts against (`digital`, `physical`), if any.
    pub cap_kind: Option<String>,
    #[sqlx(try_from = "String")]
    pub status: BookingStatus,
    pub cancellation_reason: Option<String>,
    #[sqlx(try_from = "Seconds")]
    pub booked_at: DateTime<Utc>,
    #[sqlx(try_from = "MaybeSeconds")]
    pub cancellation_limit_at: Option<DateTime<Utc>>,
    #[sqlx(try_from = "MaybeSeconds")]
    pub used_at: Option<DateTime<Utc>>,
    #[sqlx(try_from = "MaybeSeconds")]
    pub cancelled_at: Option<DateTime<Utc>>,
    #[sqlx(try_from = "MaybeSeconds")]
    pub begins_at: Option<DateTime<Utc>>,
    /// The offer's web address: a digital offer's, where it is read, watched or where
    /// its code is used.
    pub offer_url: Option<String>,
    /// The activation code the booking took, for a digital offer that has codes.
    pub activation_code: Option<String>,
    #[sqlx(try_from = "MaybeSeconds")]
    pub code_expires_at: Option<DateTime<Utc>>,
}

impl BookingRow {
    /// A digital offer's booking: delivered by its link or code, not at a counter.
    pub fn is_digital(&self) -> bool {
        self.offer_url.is_some()
    }

    pub fn amount(&self) -> Cents {
        Cents(self.amount_cents)
    }
}

/// One movement of the credit ledger.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MovementRow {
    pub id: i64,
    pub booking_id: Option<i64>,
    #[sqlx(try_from = "String")]
    pub kind: domain::credit::MovementKind,
    pub amount_cents: i64,
    #[sqlx(try_from = "Seconds")]
    pub created_at: DateTime<Utc>,
    /// The offer of the booking behind a debit or a refund.
    pub offer_title: Option<String>,
    /// The highest age band a grant covers.
    pub grant_age: Option<i64>,
}

/// A favorite offer.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FavoriteRow {
    pub offer_id: i64,
    pub title: String,
    pub subcategory: String,
    pub venue_name: String,
    pub city: String,
}

/// A link that verifies an address (`email`: the account's, or the new one that replaces
/// it once opened), with the mail that carries it.
#[derive(Debug, Clone)]
pub struct NewEmailCheck {
    pub token_hash: String,
    pub email: String,
    pub expires_at: DateTime<Utc>,
    pub mail: OutgoingMail,
}

/// A link that verifies an address, still to be opened.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct EmailCheckRow {
    pub user_id: i64,
    pub first_name: String,
    /// The address the link verifies.
    pub email: String,
}

/// What opening a link that verifies an address did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailConfirmed {
    /// The account's address is verified.
    Verified { user_id: i64 },
    /// The new address replaced the old one, verified.
    Replaced { user_id: i64 },
}

/// A "forgot password" request: the link's hash and the e-mail to send.
#[derive(Debug, Clone)]
pub struct NewPasswordReset {
    pub user_id: i64,
    pub token_hash: String,
    pub expires_at: DateTime<Utc>,
    pub recipient: String,
    pub mail: OutgoingMail,
}

/// A message as written to the outbox: its subject, its plain text and, for clients that
/// show it, its HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingMail {
    pub subject: String,
    pub text: String,
    pub html: Option<String>,
}

impl OutgoingMail {
    /// A message in plain text only.
    pub fn text(subject: impl Into<String>, text: impl Into<String>) -> OutgoingMail {
        OutgoingMail {
            subject: subject.into(),
            text: text.into(),
            html: None,
        }
    }
}

/// A message written in each of the app's languages, the reference one first (each
/// with its language's tag): a person gets the one in their language, an address, or a
/// person whose language it lacks, the first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter(pub Vec<(String, OutgoingMail)>);

impl Letter {
    /// The version for someone whose language is `tag` (none chosen: the first).
    pub fn in_language(&self, tag: Option<&str>) -> Option<&OutgoingMail> {
        let chosen = tag.and_then(|tag| self.0.iter().find(|(language, _)| language == tag));
        chosen.or(self.0.first()).map(|(_, mail)| mail)
    }
}

/// A message written in one language only (to an address whose language is known).
impl From<OutgoingMail> for Letter {
    fn from(mail: OutgoingMail) -> Letter {
        Letter(vec![(String::new(), mail)])
    }
}

/// An e-mail of the outbox.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MailRow {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub html_body: Option<String>,
    /// What it is about: the sender writes some kinds itself, from their cause.
    #[sqlx(try_from = "String")]
    pub kind: domain::notification::MailKind,
    /// The person it is for, when it is for an account.
    pub user_id: Option<i64>,
    /// The booking it is about, if any.
    pub booking_id: Option<i64>,
    #[sqlx(try_from = "Seconds")]
    pub created_at: DateTime<Utc>,
    #[sqlx(try_from = "String")]
    pub status: domain::notification::Delivery,
    /// Attempts made (claims), the one under way included.
    pub attempts: i64,
    #[sqlx(try_from = "MaybeSeconds")]
    pub sent_at: Option<DateTime<Utc>>,
    /// Why the last attempt failed, as the relay said.
    pub last_error: Option<String>,
}
