//! Credit at each birthday (rules in `domain::grants::owed`). Approving an identity writes,
//! in its own transaction, a row of `upcoming_grants` due at once (with the day of the
//! approval); the server grants it right away and the scheduler would otherwise. Each
//! look grants what is owed and moves the row to the next band's birthday, at midnight in
//! the person's département's zone, or deletes it. A look claims the row by its due
//! instant in the transaction that grants: several instances may run at once, an approval
//! whose grant failed is retried, and the unique index on (deposit, band) is the net.

use crate::backend::{Affected, Db, Store};
use crate::credit::{PolicyRow, policy_columns};
use crate::error::StoreError;
use chrono::{DateTime, NaiveDate, Utc};
use domain::Cents;
use domain::credit::CreditPolicy;
use domain::grants::{GrantPlan, NextGrant, owed};
use domain::zones;
use std::collections::HashMap;
use std::collections::hash_map::Entry;

type Result<T> = std::result::Result<T, StoreError>;

/// How many due people one query takes; the job pages until none is left.
const PAGE: i64 = 200;
/// At most this many pages a pass: a later pass goes on.
const PAGES_PER_PASS: usize = 50;

#[async_trait::async_trait]
pub trait Grants: Send + Sync + 'static {
    /// Grants what is owed now to `user_id` if their look is due (right after their
    /// identity was approved): under their deposit's policy, or for who has none yet the
    /// version in force (`policy_code`'s latest while none is scheduled). `None` when nothing was due, or another run took it.
    async fn grant_due_for(
        &self,
        user_id: i64,
        policy_code: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<GrantPlan>>;
    /// Grants what is owed to everyone whose look is due. A person whose look fails is
    /// logged and looked at again an hour later; the others go on. Returns how many
    /// grants were made.
    async fn grant_due_bands(&self, policy_code: &str, now: DateTime<Utc>) -> Result<u64>;
    /// The policy `user_id`'s credit follows: their deposit's, or the version in force
    /// where they live at their identity check (now, before one); `policy_code`'s latest
    /// while nothing is scheduled.
    async fn policy_for(
        &self,
        user_id: i64,
        policy_code: &str,
        now: DateTime<Utc>,
    ) -> Result<CreditPolicy>;
    /// The next band `user_id` will receive under [`Grants::policy_for`], on their local
    /// clock.
    async fn next_grant(
        &self,
        user_id: i64,
        policy_code: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<NextGrant>>;
}

/// The policies one pass reads once: the versions started by its instant, and each
/// deposit's version.
#[derive(Default)]
struct PolicyBook {
    started: Option<Vec<(i64, CreditPolicy, DateTime<Utc>)>>,
    deposits: HashMap<i64, CreditPolicy>,
}

/// A person as the grants see them.
#[derive(sqlx::FromRow)]
struct Beneficiary {
    user_id: i64,
    birth_date: Option<String>,
    departement: Option<String>,
    policy_id: Option<i64>,
    granted_up_to: Option<i64>,
}

/// A row of `upcoming_grants` that is due, with its person.
#[derive(sqlx::FromRow)]
struct Due {
    due_at: i64,
    /// When the identity was approved.
    checked_at: i64,
    #[sqlx(flatten)]
    person: Beneficiary,
}

/// The due rows (all, or one person's), oldest first.
macro_rules! due_select {
    () => {
        concat!(
            "SELECT g.due_at, g.checked_at, b.* FROM upcoming_grants g JOIN (",
            beneficiary_select!(),
            ") b ON b.user_id = g.user_id WHERE g.due_at <= $1 "
        )
    };
}

/// A person with their deposit's policy and the highest band granted so far.
macro_rules! beneficiary_select {
    () => {
        "SELECT u.id AS user_id, u.birth_date, u.departement, d.policy_id, \
         (SELECT MAX(m.grant_age) FROM credit_movements m WHERE m.deposit_id = d.id) \
         AS granted_up_to FROM users u LEFT JOIN deposits d ON d.user_id = u.id "
    };
}

impl Beneficiary {
    fn birth_date(&self) -> Option<NaiveDate> {
        self.birth_date.as_deref()?.parse().ok()
    }

    fn zone(&self) -> zones::Tz {
        zones::of_departement(self.departement.as_deref().unwrap_or_default())
    }

    fn granted_up_to(&self) -> Option<u32> {
        self.granted_up_to.and_then(|age| u32::try_from(age).ok())
    }
}

impl<DB: Db> Store<DB> {
    async fn policy_by_id(&self, id: i64) -> Result<CreditPolicy> {
        let row = sqlx::query_as::<_, PolicyRow>(concat!(
            "SELECT ",
            policy_columns!(),
            " FROM credit_policies WHERE id = $1"
        ))
        .bind(id)
        .fetch_one(&self.pool)
        .await?;
        Ok(row.into_policy()?.1)
    }

    async fn beneficiary(&self, user_id: i64) -> Result<Beneficiary> {
        Ok(
            sqlx::query_as::<_, Beneficiary>(concat!(beneficiary_select!(), "WHERE u.id = $1"))
                .bind(user_id)
                .fetch_one(&self.pool)
                .await?,
        )
    }

    /// The first look at someone whose identity was just approved: due at once. Written
    /// in the approval's transaction (an approval never goes without it).
    pub(crate) async fn schedule_first_look(
        conn: &mut DB::Connection,
        user_id: i64,
        now: DateTime<Utc>,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO upcoming_grants (user_id, due_at, checked_at) VALUES ($1, $2, $2) \
             ON CONFLICT (user_id) DO NOTHING",
        )
        .bind(user_id)
        .bind(crate::time::to_db(now))
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    /// The person's policy: their deposit's, or for who has none yet the version that
    /// was in force at their identity check (the terms' promise) for where they live,
    /// read once per pass.
    async fn policy_of(
        &self,
        person: &Beneficiary,
        checked_at: DateTime<Utc>,
        policy_code: &str,
        now: DateTime<Utc>,
        book: &mut PolicyBook,
    ) -> Result<(i64, CreditPolicy)> {
        if let Some(id) = person.policy_id {
            if let Entry::Vacant(slot) = book.deposits.entry(id) {
                slot.insert(self.policy_by_id(id).await?);
            }
            return Ok((id, book.deposits[&id].clone()));
        }
        if book.started.is_none() {
            book.started = Some(self.started_versions(now).await?);
        }
        let started = book.started.as_deref().unwrap_or_default();
        let dated: Vec<_> = started.iter().map(|(_, p, start)| (*start, p)).collect();
        match domain::policies::in_force_for(&dated, person.departement.as_deref(), checked_at) {
            Some(index) => Ok((started[index].0, started[index].1.clone())),
            None => crate::Credit::policy_in_force(self, None, policy_code, checked_at).await,
        }
    }

    /// [`Grants::policy_for`] the person read.
    async fn policy_of_person(
        &self,
        person: &Beneficiary,
        policy_code: &str,
        now: DateTime<Utc>,
    ) -> Result<CreditPolicy> {
        if let Some(id) = person.policy_id {
            return self.policy_by_id(id).await;
        }
        let checked_at: Option<i64> =
            sqlx::query_scalar("SELECT checked_at FROM upcoming_grants WHERE user_id = $1")
                .bind(person.user_id)
                .fetch_optional(&self.pool)
                .await?;
        let at = checked_at.map_or(now, crate::time::from_db);
        Ok(
            crate::Credit::policy_in_force(self, person.departement.as_deref(), policy_code, at)
                .await?
                .1,
        )
    }

    /// One look: grants what is owed and moves the row on, in one transaction that
    /// claims the row by its due instant. `None`, with nothing written, when another run
    /// took it.
    async fn look(
        &self,
        due: &Due,
        (policy_id, policy): &(i64, CreditPolicy),
        now: DateTime<Utc>,
    ) -> Result<Option<GrantPlan>> {
        let person = &due.person;
        let zone = person.zone();
        // Someone without a birth date (an erased account) is not looked at again.
        let plan = match person.birth_date() {
            Some(birth_date) => owed(
                policy,
                birth_date,
                zones::local_date(crate::time::from_db(due.checked_at), zone),
                zones::local_date(now, zone),
                person.granted_up_to(),
            ),
            None => GrantPlan::default(),
        };
        let mut tx = self.begin_write().await?;
        let moved = match plan.next {
            Some(next) => sqlx::query(
                "UPDATE upcoming_grants SET due_at = $2 WHERE user_id = $1 AND due_at = $3",
            )
            .bind(person.user_id)
            .bind(crate::time::to_db(zones::start_of_day(next.on, zone))),
            None => sqlx::query("DELETE FROM upcoming_grants WHERE user_id = $1 AND due_at = $2")
                .bind(person.user_id),
        }
        .bind(due.due_at)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if moved == 0 {
            return Ok(None);
        }
        if let Some(grant) = plan.now {
            let expires_at = zones::start_of_day(grant.expires_on, zone);
            let band = Some(grant.up_to_age);
            match Self::grant_in(
                &mut tx,
                person.user_id,
                *policy_id,
                grant.amount,
                band,
                expires_at,
                now,
            )
            .await
            {
                // The band was granted by another run: nothing here.
                Err(StoreError::Conflict(_)) => return Ok(None),
                other => {
                    other?;
                }
            }
        }
        tx.commit().await?;
        Ok(Some(plan))
    }

    /// Looks at a person whose look failed again in an hour (unless another run moved it).
    async fn postpone(&self, due: &Due, now: DateTime<Utc>) -> Result<()> {
        sqlx::query("UPDATE upcoming_grants SET due_at = $2 WHERE user_id = $1 AND due_at = $3")
            .bind(due.person.user_id)
            .bind(crate::time::to_db(now + chrono::Duration::hours(1)))
            .bind(due.due_at)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Grants (or tops up) the deposit with its ledger row, which records the band it
    /// covers, if any. Returns the deposit.
    pub(crate) async fn grant_in(
        conn: &mut DB::Connection,
        user_id: i64,
        policy_id: i64,
        amount: Cents,
        band: Option<u32>,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let existing = sqlx::query_scalar::<_, i64>(DB::for_update(
            "SELECT id FROM deposits WHERE user_id = $1 ",
            None,
        ))
        .bind(user_id)
        .fetch_optional(&mut *conn)
        .await?;
        let deposit_id = match existing {
            Some(id) => {
                sqlx::query(
                    "UPDATE deposits SET amount_cents = amount_cents + $1, \
                     balance_cents = balance_cents + $1, expires_at = $2 WHERE id = $3",
                )
                .bind(amount.get())
                .bind(crate::time::to_db(expires_at))
                .bind(id)
                .execute(&mut *conn)
                .await?;
                id
            }
            None => {
                sqlx::query_scalar::<_, i64>(
                    "INSERT INTO deposits (user_id, policy_id, amount_cents, balance_cents, \
                     granted_at, expires_at) VALUES ($1, $2, $3, $3, $4, $5) RETURNING id",
                )
                .bind(user_id)
                .bind(policy_id)
                .bind(amount.get())
                .bind(crate::time::to_db(now))
                .bind(crate::time::to_db(expires_at))
                .fetch_one(&mut *conn)
                .await?
            }
        };
        sqlx::query(
            "INSERT INTO credit_movements \
             (deposit_id, booking_id, kind, amount_cents, grant_age, created_at) \
             VALUES ($1, NULL, 'grant', $2, $3, $4)",
        )
        .bind(deposit_id)
        .bind(amount.get())
        .bind(band.map(i64::from))
        .bind(crate::time::to_db(now))
        .execute(&mut *conn)
        .await?;
        Ok(deposit_id)
    }
}

#[async_trait::async_trait]
impl<DB: Db> Grants for Store<DB> {
    #[tracing::instrument(skip(self))]
    async fn grant_due_for(
        &self,
        user_id: i64,
        policy_code: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<GrantPlan>> {
        let due = sqlx::query_as::<_, Due>(concat!(due_select!(), "AND g.user_id = $2"))
            .bind(crate::time::to_db(now))
            .bind(user_id)
            .fetch_optional(&self.pool)
            .await?;
        let Some(due) = due else {
            return Ok(None);
        };
        let policy = self
            .policy_of(
                &due.person,
                crate::time::from_db(due.checked_at),
                policy_code,
                now,
                &mut PolicyBook::default(),
            )
            .await?;
        self.look(&due, &policy, now).await
    }

    #[tracing::instrument(skip(self))]
    async fn grant_due_bands(&self, policy_code: &str, now: DateTime<Utc>) -> Result<u64> {
        let mut book = PolicyBook::default();
        let mut granted = 0;
        for _ in 0..PAGES_PER_PASS {
            let due = sqlx::query_as::<_, Due>(concat!(
                due_select!(),
                "ORDER BY g.due_at, g.user_id LIMIT $2"
            ))
            .bind(crate::time::to_db(now))
            .bind(PAGE)
            .fetch_all(&self.pool)
            .await?;
            let mut moved = 0;
            for row in &due {
                let checked_at = crate::time::from_db(row.checked_at);
                let looked = match self
                    .policy_of(&row.person, checked_at, policy_code, now, &mut book)
                    .await
                {
                    Ok(policy) => self.look(row, &policy, now).await,
                    Err(error) => Err(error),
                };
                match looked {
                    Ok(Some(plan)) => {
                        moved += 1;
                        granted += u64::from(plan.now.is_some());
                    }
                    Ok(None) => {}
                    // One person's failure stops no one else's credit.
                    Err(error) => {
                        tracing::error!(user_id = row.person.user_id, %error, "a grant failed; retried in an hour");
                        self.postpone(row, now).await?;
                        moved += 1;
                    }
                }
            }
            // A short page is the last; a page another run took entirely is left to it.
            if due.len() < PAGE as usize || moved == 0 {
                break;
            }
        }
        Ok(granted)
    }

    async fn policy_for(
        &self,
        user_id: i64,
        policy_code: &str,
        now: DateTime<Utc>,
    ) -> Result<CreditPolicy> {
        let person = self.beneficiary(user_id).await?;
        self.policy_of_person(&person, policy_code, now).await
    }

    async fn next_grant(
        &self,
        user_id: i64,
        policy_code: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<NextGrant>> {
        let person = self.beneficiary(user_id).await?;
        let Some(birth_date) = person.birth_date() else {
            return Ok(None);
        };
        let policy = self.policy_of_person(&person, policy_code, now).await?;
        let today = zones::local_date(now, person.zone());
        Ok(domain::grants::next_grant(&policy, birth_date, today))
    }
}
