//! The people an administrator looks after: finding them by name, address or birth
//! date, suspending and reinstating them, correcting their credit. Each change writes its
//! row of the audit log in its own transaction ([`crate::audit`]).

use crate::audit::ActionRecord;
use crate::backend::{Affected, Db, Store};
use crate::error::StoreError;
use crate::like::{literal, push_lower_like};
use chrono::{DateTime, Utc};
use domain::Cents;
use domain::admin::{Page, PeopleQuery};
use sqlx::QueryBuilder;

type Result<T> = std::result::Result<T, StoreError>;

/// A person as the search lists them.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PersonRow {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub role: String,
    pub birth_date: Option<String>,
    pub departement: Option<String>,
    pub suspended: bool,
    /// Where their identity check stands (`pending`, `approved`, `rejected`), if any.
    pub identity_status: Option<String>,
}

#[async_trait::async_trait]
pub trait People: Send + Sync + 'static {
    /// The people matching `query` (everyone without one), by id, after the cursor.
    async fn search_people(
        &self,
        query: Option<&PeopleQuery>,
        after: Option<i64>,
        limit: i64,
    ) -> Result<Page<PersonRow>>;
    /// One person as the search lists them.
    async fn person(&self, user_id: i64) -> Result<Option<PersonRow>>;
    /// Suspends a person who is not an administrator (false: no such person, already
    /// suspended, or an administrator), with the action's reason, and ends their
    /// sessions: they are signed out everywhere and cannot sign in, book or comment.
    async fn suspend_person(
        &self,
        user_id: i64,
        record: &ActionRecord<'_>,
        now: DateTime<Utc>,
    ) -> Result<bool>;
    /// Lifts a suspension (false: the person was not suspended).
    async fn lift_suspension(
        &self,
        user_id: i64,
        record: &ActionRecord<'_>,
        now: DateTime<Utc>,
    ) -> Result<bool>;
    /// Adds `amount` (negative: takes it back) to a person's credit, with a ledger row
    /// carrying the reason; returns the new balance. Refused (`Invalid` on `amount`)
    /// without credit, once it expired, or below zero.
    async fn correct_credit(
        &self,
        user_id: i64,
        amount: Cents,
        record: &ActionRecord<'_>,
        now: DateTime<Utc>,
    ) -> Result<Cents>;
}

const PERSON_COLUMNS: &str = "SELECT u.id, u.first_name, u.last_name, u.email, u.role, \
     u.birth_date, u.departement, u.suspended_at IS NOT NULL AS suspended, \
     c.status AS identity_status \
     FROM users u LEFT JOIN identity_checks c ON c.user_id = u.id WHERE TRUE";

/// The query's conditions, after `WHERE TRUE`. Each word begins the first name, the
/// last name or a later word of it (a compound name), or the e-mail address.
fn push_query<DB: Db>(query: &mut QueryBuilder<DB>, people: Option<&PeopleQuery>) {
    match people {
        None => {}
        Some(PeopleQuery::BornOn(date)) => {
            query
                .push(" AND u.birth_date = ")
                .push_bind(date.format("%Y-%m-%d").to_string());
        }
        Some(PeopleQuery::Email(part)) => {
            query.push(" AND ");
            push_lower_like(query, "u.email", format!("%{}%", literal(part)));
        }
        Some(PeopleQuery::Name(words)) => {
            for word in words {
                let start = format!("{}%", literal(word));
                query.push(" AND (");
                push_lower_like(query, "u.first_name", start.clone());
                query.push(" OR ");
                push_lower_like(query, "u.last_name", start.clone());
                query.push(" OR ");
                push_lower_like(query, "u.last_name", format!("% {start}"));
                query.push(" OR ");
                push_lower_like(query, "u.email", start);
                query.push(")");
            }
        }
    }
}

fn refused(refusal: domain::admin::CorrectionRefusal) -> StoreError {
    StoreError::CorrectionRefused(refusal)
}

#[async_trait::async_trait]
impl<DB: Db> People for Store<DB> {
    async fn search_people(
        &self,
        people: Option<&PeopleQuery>,
        after: Option<i64>,
        limit: i64,
    ) -> Result<Page<PersonRow>> {
        let mut count = QueryBuilder::<DB>::new("SELECT COUNT(*) FROM users u WHERE TRUE");
        push_query(&mut count, people);
        let total: i64 = count.build_query_scalar().fetch_one(&self.pool).await?;

        let mut rows = QueryBuilder::<DB>::new(PERSON_COLUMNS);
        push_query(&mut rows, people);
        if let Some(after) = after {
            rows.push(" AND u.id > ").push_bind(after);
        }
        rows.push(" ORDER BY u.id");
        Ok(self
            .read_page(rows, limit, total, |row: &PersonRow| row.id)
            .await?)
    }

    async fn person(&self, user_id: i64) -> Result<Option<PersonRow>> {
        let mut query = QueryBuilder::<DB>::new(PERSON_COLUMNS);
        query.push(" AND u.id = ").push_bind(user_id);
        Ok(query
            .build_query_as::<PersonRow>()
            .fetch_optional(&self.pool)
            .await?)
    }

    #[tracing::instrument(skip(self, record))]
    async fn suspend_person(
        &self,
        user_id: i64,
        record: &ActionRecord<'_>,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let mut tx = self.begin_write().await?;
        let suspended = sqlx::query(
            "UPDATE users SET suspended_at = $1, suspension_reason = $2 \
             WHERE id = $3 AND suspended_at IS NULL AND role <> 'admin'",
        )
        .bind(crate::time::to_db(now))
        .bind(record.reason)
        .bind(user_id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if !suspended {
            return Ok(false);
        }
        // Their devices stop receiving pushes with their sessions (ON DELETE CASCADE).
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        Self::record_action(&mut tx, record, now).await?;
        tx.commit().await?;
        Ok(true)
    }

    #[tracing::instrument(skip(self, record))]
    async fn lift_suspension(
        &self,
        user_id: i64,
        record: &ActionRecord<'_>,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let mut tx = self.begin_write().await?;
        let lifted = sqlx::query(
            "UPDATE users SET suspended_at = NULL, suspension_reason = NULL \
             WHERE id = $1 AND suspended_at IS NOT NULL",
        )
        .bind(user_id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if !lifted {
            return Ok(false);
        }
        Self::record_action(&mut tx, record, now).await?;
        tx.commit().await?;
        Ok(true)
    }

    #[tracing::instrument(skip(self, record))]
    async fn correct_credit(
        &self,
        user_id: i64,
        amount: Cents,
        record: &ActionRecord<'_>,
        now: DateTime<Utc>,
    ) -> Result<Cents> {
        let mut tx = self.begin_write().await?;
        let deposit = sqlx::query_as::<_, (i64, i64, i64)>(DB::for_update(
            "SELECT id, balance_cents, expires_at FROM deposits WHERE user_id = $1 ",
            None,
        ))
        .bind(user_id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((deposit_id, balance, expires_at)) = deposit else {
            return Err(refused(domain::admin::CorrectionRefusal::NoCredit));
        };
        let expired = expires_at <= crate::time::to_db(now);
        let after =
            domain::admin::corrected_balance(Cents(balance), expired, amount).map_err(refused)?;
        sqlx::query(
            "UPDATE deposits SET amount_cents = amount_cents + $1, \
             balance_cents = balance_cents + $1 WHERE id = $2",
        )
        .bind(amount.get())
        .bind(deposit_id)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO credit_movements (deposit_id, kind, amount_cents, created_at, note) \
             VALUES ($1, 'correction', $2, $3, $4)",
        )
        .bind(deposit_id)
        .bind(amount.get())
        .bind(crate::time::to_db(now))
        .bind(record.reason)
        .execute(&mut *tx)
        .await?;
        Self::record_action(&mut tx, record, now).await?;
        tx.commit().await?;
        Ok(after)
    }
}
