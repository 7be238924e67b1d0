//! Credit: the policies (versioned, stored once), the deposits granted under them and the
//! ledger of every movement. The team schedules new versions (`schedule_policy`); which
//! one is in force for a person is `domain::policies::in_force_for` over the started
//! versions, and before any was scheduled (a database made before the schedule) the
//! configured code's latest.

use crate::audit::ActionRecord;
use crate::backend::{Affected, Db, Store};
use crate::error::StoreError;
use crate::models::*;
use chrono::{DateTime, Utc};
use domain::Cents;
use domain::admin::AdminAction;
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
    /// A JSON array of département codes; NULL for everywhere.
    pub departements: Option<String>,
}

/// The columns a [`PolicyRow`] reads, from `credit_policies`.
macro_rules! policy_columns {
    () => {
        "id, code, version, name, grants, digital_cap_cents, physical_cap_cents, \
         validity_months, expires_at_age, departements"
    };
}
pub(crate) use policy_columns;

/// A version of the schedule, with how many deposits it granted.
#[derive(Debug, Clone)]
pub struct ScheduledPolicy {
    pub id: i64,
    pub policy: CreditPolicy,
    pub starts_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub deposits: i64,
}

#[derive(sqlx::FromRow)]
struct ScheduledRow {
    #[sqlx(flatten)]
    policy: PolicyRow,
    starts_at: i64,
    created_at: i64,
    deposits: i64,
}

impl PolicyRow {
    pub(crate) fn into_policy(self) -> Result<(i64, CreditPolicy)> {
        let corrupt =
            |what: &str| StoreError::Corrupt(format!("credit policy {}: {what}", self.code));
        let grants: Vec<AgeGrant> =
            serde_json::from_str(&self.grants).map_err(|_| corrupt("grants"))?;
        let departements: Vec<String> = match &self.departements {
            Some(codes) => serde_json::from_str(codes).map_err(|_| corrupt("departements"))?,
            None => Vec::new(),
        };
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
            departements,
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
    /// The version in force at `at` for someone living in `departement` (`None`: the
    /// national one), or `fallback_code`'s latest while nothing is scheduled.
    async fn policy_in_force(
        &self,
        departement: Option<&str>,
        fallback_code: &str,
        at: DateTime<Utc>,
    ) -> Result<(i64, CreditPolicy)>;
    /// Starts the schedule with `code`'s latest version, in force since always, when
    /// nothing is scheduled yet (the configured policy seeds the first version). Whether
    /// it did.
    async fn seed_schedule(&self, code: &str) -> Result<bool>;
    /// Every scheduled version not taken back, latest start first (the later-made first
    /// on a tie).
    async fn policy_schedule(&self) -> Result<Vec<ScheduledPolicy>>;
    /// Stores `policy` as the next version of its code, in force from `starts_at`, with
    /// its row of the audit log in the same transaction. Its id and version number; a
    /// version scheduled for the same code at the same moment is refused on `starts_on`.
    async fn schedule_policy(
        &self,
        policy: &CreditPolicy,
        starts_at: DateTime<Utc>,
        admin_id: i64,
        now: DateTime<Utc>,
    ) -> Result<(i64, i32)>;
    /// Takes back a version whose instant has not come (no deposit can hold it), with its
    /// audit row. `false` when it has started or is not scheduled.
    async fn cancel_policy(&self, record: &ActionRecord<'_>, now: DateTime<Utc>) -> Result<bool>;
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

/// The versions as `domain::policies` reads them.
fn dated(versions: &[(i64, CreditPolicy, DateTime<Utc>)]) -> Vec<(DateTime<Utc>, &CreditPolicy)> {
    versions
        .iter()
        .map(|(_, policy, start)| (*start, policy))
        .collect()
}

fn to_json(value: &impl serde::Serialize) -> Result<String> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(e.to_string()))
}

#[derive(sqlx::FromRow)]
struct StartedRow {
    #[sqlx(flatten)]
    policy: PolicyRow,
    starts_at: i64,
}

impl<DB: Db> Store<DB> {
    /// The versions started by `at` and not taken back, latest start first (a handful of
    /// rows: the team adds one at each change of the rules).
    pub(crate) async fn started_versions(
        &self,
        at: DateTime<Utc>,
    ) -> Result<Vec<(i64, CreditPolicy, DateTime<Utc>)>> {
        let rows = sqlx::query_as::<_, StartedRow>(concat!(
            "SELECT ",
            policy_columns!(),
            ", starts_at FROM credit_policies \
             WHERE starts_at IS NOT NULL AND starts_at <= $1 AND cancelled_at IS NULL \
             ORDER BY starts_at DESC, id DESC"
        ))
        .bind(crate::time::to_db(at))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|row| {
                let (id, policy) = row.policy.into_policy()?;
                Ok((id, policy, crate::time::from_db(row.starts_at)))
            })
            .collect()
    }

    /// Writes one version; its id.
    async fn insert_policy(
        conn: &mut DB::Connection,
        policy: &CreditPolicy,
        version: i32,
        starts_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let grants = to_json(&policy.grants)?;
        let departements = match policy.departements.is_empty() {
            true => None,
            false => Some(to_json(&policy.departements)?),
        };
        let (months, age) = match policy.validity {
            domain::credit::Validity::Months(m) => (Some(i64::from(m)), None),
            domain::credit::Validity::UntilAge(a) => (None, Some(i64::from(a))),
        };
        Ok(sqlx::query_scalar::<_, i64>(
            "INSERT INTO credit_policies (code, version, name, grants, digital_cap_cents, \
             physical_cap_cents, validity_months, expires_at_age, departements, starts_at, \
             created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        )
        .bind(&policy.code)
        .bind(i64::from(version))
        .bind(&policy.name)
        .bind(grants)
        .bind(policy.digital_cap.map(Cents::get))
        .bind(policy.physical_cap.map(Cents::get))
        .bind(months)
        .bind(age)
        .bind(departements)
        .bind(starts_at.map(crate::time::to_db))
        .bind(crate::time::to_db(now))
        .fetch_one(&mut *conn)
        .await?)
    }
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
        let mut conn = self.pool.acquire().await?;
        let inserted = Self::insert_policy(&mut conn, policy, policy.version, None, now).await;
        drop(conn);
        match inserted {
            // Another instance stored it first.
            Err(StoreError::Conflict(_)) => Ok(find().fetch_one(&self.pool).await?),
            other => other,
        }
    }

    async fn policy(&self, code: &str) -> Result<Option<(i64, CreditPolicy)>> {
        let row = sqlx::query_as::<_, PolicyRow>(concat!(
            "SELECT ",
            policy_columns!(),
            " FROM credit_policies WHERE code = $1 \
             ORDER BY version DESC LIMIT 1"
        ))
        .bind(code)
        .fetch_optional(&self.pool)
        .await?;
        row.map(PolicyRow::into_policy).transpose()
    }

    async fn policy_in_force(
        &self,
        departement: Option<&str>,
        fallback_code: &str,
        at: DateTime<Utc>,
    ) -> Result<(i64, CreditPolicy)> {
        let started = self.started_versions(at).await?;
        match domain::policies::in_force_for(&dated(&started), departement, at) {
            Some(index) => {
                let (id, policy, _) = &started[index];
                Ok((*id, policy.clone()))
            }
            None => self.policy(fallback_code).await?.ok_or_else(|| {
                StoreError::Corrupt(format!("credit policy {fallback_code} missing"))
            }),
        }
    }

    async fn seed_schedule(&self, code: &str) -> Result<bool> {
        let seeded = sqlx::query(
            "UPDATE credit_policies SET starts_at = $2 WHERE id = \
             (SELECT id FROM credit_policies WHERE code = $1 ORDER BY version DESC LIMIT 1) \
             AND NOT EXISTS (SELECT 1 FROM credit_policies WHERE starts_at IS NOT NULL)",
        )
        .bind(code)
        .bind(crate::time::to_db(domain::policies::OPENING))
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(seeded > 0)
    }

    async fn policy_schedule(&self) -> Result<Vec<ScheduledPolicy>> {
        let rows = sqlx::query_as::<_, ScheduledRow>(concat!(
            "SELECT ",
            policy_columns!(),
            ", starts_at, created_at, \
             (SELECT COUNT(*) FROM deposits d WHERE d.policy_id = p.id) AS deposits \
             FROM credit_policies p WHERE starts_at IS NOT NULL AND cancelled_at IS NULL \
             ORDER BY starts_at DESC, id DESC"
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|row| {
                let (id, policy) = row.policy.into_policy()?;
                Ok(ScheduledPolicy {
                    id,
                    policy,
                    starts_at: crate::time::from_db(row.starts_at),
                    created_at: crate::time::from_db(row.created_at),
                    deposits: row.deposits,
                })
            })
            .collect()
    }

    #[tracing::instrument(skip(self, policy), fields(code = %policy.code))]
    async fn schedule_policy(
        &self,
        policy: &CreditPolicy,
        starts_at: DateTime<Utc>,
        admin_id: i64,
        now: DateTime<Utc>,
    ) -> Result<(i64, i32)> {
        let mut tx = self.begin_write().await?;
        let latest = sqlx::query_scalar::<_, Option<i64>>(
            "SELECT MAX(version) FROM credit_policies WHERE code = $1",
        )
        .bind(&policy.code)
        .fetch_one(&mut *tx)
        .await?;
        let version = i32::try_from(latest.unwrap_or(0) + 1)
            .map_err(|_| StoreError::Corrupt("policy version".into()))?;
        let id = match Self::insert_policy(&mut tx, policy, version, Some(starts_at), now).await {
            // Another administrator scheduled the same code's next version meanwhile.
            Err(StoreError::Conflict(_)) => {
                return Err(StoreError::Invalid(domain::pro::FieldError {
                    field: "starts_on".to_owned(),
                    reason: domain::pro::FieldRefusal::VersionScheduledMeanwhile,
                }));
            }
            inserted => inserted?,
        };
        let label = CreditPolicy {
            version,
            ..policy.clone()
        }
        .label();
        let record = ActionRecord::new(admin_id, AdminAction::PolicyScheduled, id).detail(label);
        Self::record_action(&mut tx, &record, now).await?;
        tx.commit().await?;
        Ok((id, version))
    }

    async fn cancel_policy(&self, record: &ActionRecord<'_>, now: DateTime<Utc>) -> Result<bool> {
        let mut tx = self.begin_write().await?;
        let cancelled = sqlx::query(
            "UPDATE credit_policies SET cancelled_at = $2 \
             WHERE id = $1 AND starts_at > $2 AND cancelled_at IS NULL",
        )
        .bind(record.subject_id)
        .bind(crate::time::to_db(now))
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if cancelled == 0 {
            return Ok(false);
        }
        Self::record_action(&mut tx, record, now).await?;
        tx.commit().await?;
        Ok(true)
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
            "SELECT d.id AS deposit_id, p.code AS policy_code, p.name AS policy_name, \
             p.version AS policy_version, d.amount_cents, d.balance_cents, \
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
