//! Credit: the policies (versioned, stored once), the deposits granted under them and the
//! ledger of every movement.

use crate::backend::{Db, Store};
use crate::error::StoreError;
use crate::models::*;
use chrono::{DateTime, Utc};
use domain::Cents;
use domain::credit::{AgeGrant, CreditPolicy, Validity};

type Result<T> = std::result::Result<T, StoreError>;

/// A policy as stored.
#[derive(sqlx::FromRow)]
pub(crate) struct PolicyRow {
    pub id: i64,
    pub code: String,
    pub version: i64,
    pub name: String,
    pub grants: String,
    pub digital_cap_cents: Option<i64>,
    pub physical_cap_cents: Option<i64>,
    pub validity_months: Option<i64>,
    pub expires_at_age: Option<i64>,
}

impl PolicyRow {
    pub(crate) fn into_policy(self) -> Result<(i64, CreditPolicy)> {
        let corrupt =
            |what: &str| StoreError::Corrupt(format!("credit policy {}: {what}", self.code));
        let grants: Vec<AgeGrant> =
            serde_json::from_str(&self.grants).map_err(|_| corrupt("grants"))?;
        let validity = match (self.validity_months, self.expires_at_age) {
            (Some(months), None) => {
                Validity::Months(u32::try_from(months).map_err(|_| corrupt("months"))?)
            }
            (None, Some(age)) => {
                Validity::UntilAge(u32::try_from(age).map_err(|_| corrupt("age"))?)
            }
            _ => return Err(corrupt("validity")),
        };
        let policy = CreditPolicy {
            code: self.code.clone(),
            version: i32::try_from(self.version).map_err(|_| corrupt("version"))?,
            name: self.name.clone(),
            grants,
            digital_cap: self.digital_cap_cents.map(Cents),
            physical_cap: self.physical_cap_cents.map(Cents),
            validity,
        };
        Ok((self.id, policy))
    }
}

#[async_trait::async_trait]
pub trait Credit: Send + Sync + 'static {
    /// Stores a policy version if it is not there yet; returns its id either way.
    async fn ensure_policy(&self, policy: &CreditPolicy, now: DateTime<Utc>) -> Result<i64>;
    /// The latest version of the policy with this code.
    async fn policy(&self, code: &str) -> Result<Option<(i64, CreditPolicy)>>;
    /// Grants (or tops up) a young person's deposit, with its ledger movement, outside the
    /// age bands (fixtures, benchmarks): credit by age goes through `crate::Grants`.
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
}

#[async_trait::async_trait]
impl<DB: Db> Credit for Store<DB> {
    #[tracing::instrument(skip_all, fields(code = %policy.code))]
    async fn ensure_policy(&self, policy: &CreditPolicy, now: DateTime<Utc>) -> Result<i64> {
        const FIND: &str = "SELECT id FROM credit_policies WHERE code = $1 AND version = $2";
        let find = || {
            sqlx::query_scalar::<_, i64>(FIND)
                .bind(&policy.code)
                .bind(i64::from(policy.version))
        };
        if let Some(id) = find().fetch_optional(&self.pool).await? {
            return Ok(id);
        }
        let grants = serde_json::to_string(&policy.grants)
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let (months, age) = match policy.validity {
            domain::credit::Validity::Months(m) => (Some(i64::from(m)), None),
            domain::credit::Validity::UntilAge(a) => (None, Some(i64::from(a))),
        };
        let inserted = sqlx::query_scalar::<_, i64>(
            "INSERT INTO credit_policies (code, version, name, grants, digital_cap_cents, \
             physical_cap_cents, validity_months, expires_at_age, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(&policy.code)
        .bind(i64::from(policy.version))
        .bind(&policy.name)
        .bind(grants)
        .bind(policy.digital_cap.map(Cents::get))
        .bind(policy.physical_cap.map(Cents::get))
        .bind(months)
        .bind(age)
        .bind(crate::time::to_db(now))
        .fetch_one(&self.pool)
        .await;
        match inserted.map_err(StoreError::from) {
            // Another instance stored it first.
            Err(StoreError::Conflict(_)) => Ok(find().fetch_one(&self.pool).await?),
            other => other,
        }
    }

    async fn policy(&self, code: &str) -> Result<Option<(i64, CreditPolicy)>> {
        let row = sqlx::query_as::<_, crate::credit::PolicyRow>(
            "SELECT id, code, version, name, grants, digital_cap_cents, physical_cap_cents, \
             validity_months, expires_at_age FROM credit_policies WHERE code = $1 \
             ORDER BY version DESC LIMIT 1",
        )
        .bind(code)
        .fetch_optional(&self.pool)
        .await?;
        row.map(crate::credit::PolicyRow::into_policy).transpose()
    }

    #[tracing::instrument(skip(self))]
    async fn grant_deposit(
        &self,
        user_id: i64,
        policy_id: i64,
        amount: Cents,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        let deposit_id =
            Self::grant_in(&mut tx, user_id, policy_id, amount, None, expires_at, now).await?;
        tx.commit().await?;
        Ok(deposit_id)
    }

    async fn wallet(&self, user_id: i64) -> Result<Option<WalletRow>> {
        Ok(sqlx::query_as(
            "SELECT d.id AS deposit_id, p.code AS policy_code, d.amount_cents, d.balance_cents, \
             d.expires_at, p.digital_cap_cents, p.physical_cap_cents, \
             d.digital_spent_cents, d.physical_spent_cents \
             FROM deposits d JOIN credit_policies p ON p.id = d.policy_id WHERE d.user_id = $1",
        )
        .bind(user_id)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn movements(&self, user_id: i64) -> Result<Vec<MovementRow>> {
        Ok(sqlx::query_as(
            "SELECT m.id, m.booking_id, m.kind, m.amount_cents, m.created_at, o.title AS offer_title, \
             m.grant_age \
             FROM credit_movements m JOIN deposits d ON d.id = m.deposit_id \
             LEFT JOIN bookings b ON b.id = m.booking_id LEFT JOIN offers o ON o.id = b.offer_id \
             WHERE d.user_id = $1 ORDER BY m.id",
        )
        .bind(user_id)
        .fetch_all(&self.pool)
        .await?)
    }
}
