//! Persistence of the culture pass.
//!
//! One [`Repository`] describes everything the application asks of its database, as a
//! trait per area (accounts, verified addresses, credit, birthday grants, catalogue, discovery, bookings,
//! favorites, jobs, terms accepted, dashboard, social, outbox, partners' mail, personal data,
//! the people administrators look after and the audit log of what they do), each in its own module with its SQL. One
//! generic [`Store`] implements them for SQLite (the embedded default,
//! [`sqlite::SqliteRepository`]) and PostgreSQL (production,
//! [`postgres::PostgresRepository`]); what differs between the two is the small
//! [`backend`] trait `Db`. The backend is chosen once, from the URL
//! scheme, by [`connect`]. All SQL of the application lives in this crate.

mod accounts;
mod audit;
mod backend;
pub mod backup;
mod bookings;
mod catalogue;
mod codes;
mod columns;
mod connect;
mod credit;
mod dashboard;
mod discovery;
mod email_checks;
mod error;
mod favorites;
mod grants;
mod images;
mod jobs;
mod legal;
mod like;
mod mail_choices;
mod models;
mod notifications;
mod outbox;
mod partner_mail;
mod people;
mod personal_data;
mod push;
mod reimbursements;
mod repository;
mod review;
mod search;
mod social;
mod steps;
mod team;
mod time;

pub mod postgres;
pub mod sqlite;

pub use accounts::Accounts;
pub use audit::{ActionRecord, AdminActionRow, AuditFilter, AuditLog};
pub use backend::Store;
pub use bookings::Bookings;
pub use catalogue::{Catalogue, ImportedOffer};
pub use codes::{ActivationCodes, CodeCounts};
pub use connect::{Backend, ConnectError, connect};
pub use credit::{Credit, ScheduledPolicy};
pub use dashboard::*;
pub use discovery::Discovery;
pub use email_checks::EmailChecks;
pub use error::StoreError;
pub use favorites::Favorites;
pub use grants::Grants;
pub use images::{ImageHome, ImageVersion, Images, StoredImage};
pub use jobs::Jobs;
pub use legal::Legal;
pub use mail_choices::MailChoices;
pub use models::*;
pub use notifications::{NoticeRow, Notifications};
pub use outbox::{Claim, Outbox, OutboxQuery};
pub use partner_mail::{DIGEST_LINES, DigestLine, DueDigest, PartnerMail};
pub use people::{People, PersonRow};
pub use personal_data::*;
pub use push::{MAX_DEVICES, Push, PushDevice, PushDue};
pub use reimbursements::{
    BankAccountRow, BankCheckRow, NewPayment, OutstandingRow, PaymentLineRow, PaymentRow,
    Reimbursements, RunRow, SeenDetails,
};
pub use repository::{PoolUsage, Repository};
pub use review::{OfferReview, TeamOfferQuery, TeamOfferRow};
pub use social::*;
pub use team::{MemberRow, Team};

/// The repository as the application holds it: shared, behind a trait object, because
/// the backend is only known at start-up.
pub type Repo = std::sync::Arc<dyn Repository>;
