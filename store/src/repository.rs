//! Everything the application asks of its database, as one trait over the area traits.
//! Server functions are not generic, so the app holds an `Arc<dyn Repository>` chosen at
//! start-up; the methods of every area are callable on it.

use crate::backend::{Db, Store};
use crate::error::StoreError;
use crate::{
    Accounts, ActivationCodes, AuditLog, Bookings, Catalogue, Credit, Dashboard, Discovery,
    EmailChecks, Favorites, Grants, Images, Jobs, Legal, MailChoices, Notifications, OfferReview,
    Outbox, PartnerMail, People, PersonalData, Push, Reimbursements, Social, Team,
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
    + Images
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
    /// The connections of this instance's pool, for its metrics.
    fn pool_usage(&self) -> PoolUsage;
}

/// A pool's connections at one instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolUsage {
    /// Open now, idle or in use.
    pub open: u32,
    /// Open and waiting for a query.
    pub idle: u32,
    /// The most it may open (`DATABASE_MAX_CONNECTIONS`).
    pub max: u32,
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

    fn pool_usage(&self) -> PoolUsage {
        PoolUsage {
            open: self.pool.size(),
            idle: u32::try_from(self.pool.num_idle()).unwrap_or(u32::MAX),
            max: self.pool.options().get_max_connections(),
        }
    }
}
