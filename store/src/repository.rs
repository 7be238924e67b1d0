//! Everything the application asks of its database, as one trait over the area traits.
//! Server functions are not generic, so the app holds an `Arc<dyn Repository>` chosen at
//! start-up; the methods of every area are callable on it.

use crate::backend::{Db, Store};
use crate::error::StoreError;
use crate::{
    Accounts, ActivationCodes, AuditLog, Bookings, Catalogue, Credit, Dashboard, Discovery,
    EmailChecks, Favorites, Grants, Jobs, Legal, MailChoices, Notifications, OfferReview, Outbox,
    PartnerMail, People, PersonalData, Push, Reimbursements, Social, Team,
};

#[async_trait::async_trait]
pub trait Repository:
    Accounts
    + ActivationCodes
    + AuditLog
    + Credit
    + Grants
    + Catalogue
    + Discovery
    + EmailChecks
    + Bookings
    + Favorites
    + Jobs
    + Legal
    + Dashboard
    + Social
    + Outbox
    + MailChoices
    + Notifications
    + OfferReview
    + PartnerMail
    + People
    + PersonalData
    + Push
    + Reimbursements
    + Team
{
    /// Brings the schema up to date (each backend has its own migrations).
    async fn migrate(&self) -> Result<(), StoreError>;
    /// Whether the database answers a trivial query: the server's readiness probe.
    async fn ping(&self) -> Result<(), StoreError>;
}

#[async_trait::async_trait]
impl<DB: Db> Repository for Store<DB> {
    async fn migrate(&self) -> Result<(), StoreError> {
        self.run_migrations().await
    }

    async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }
}
