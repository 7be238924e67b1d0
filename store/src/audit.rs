//! The audit log: one row per administrator action (who, when, what, on what, why),
//! written by [`Store::record_action`] inside the action's own transaction, so that no
//! decision stands without its row and no row tells of a decision that was rolled back.

use crate::backend::{Db, Store};
use crate::error::StoreError;
use chrono::{DateTime, Utc};
use domain::admin::{AdminAction, Page, SubjectKind};
use sqlx::QueryBuilder;

type Result<T> = std::result::Result<T, StoreError>;

/// An action about to be recorded.
#[derive(Debug, Clone)]
pub struct ActionRecord<'a> {
    pub admin_id: i64,
    pub action: AdminAction,
    /// The person, structure, comment or offer it was done to (the action says which).
    pub subject_id: i64,
    pub reason: &'a str,
    /// What changed, in a few words (an amount, a number of bookings cancelled).
    pub detail: String,
}

impl<'a> ActionRecord<'a> {
    pub fn new(admin_id: i64, action: AdminAction, subject_id: i64) -> Self {
        ActionRecord {
            admin_id,
            action,
            subject_id,
            reason: "",
            detail: String::new(),
        }
    }

    pub fn because(self, reason: &'a str) -> Self {
        ActionRecord { reason, ..self }
    }

    pub fn detail(self, detail: impl Into<String>) -> Self {
        ActionRecord {
            detail: detail.into(),
            ..self
        }
    }
}

/// One row of the log, with the administrator's name.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AdminActionRow {
    pub id: i64,
    pub admin_id: i64,
    pub admin_name: String,
    #[sqlx(try_from = "crate::time::Seconds")]
    pub at: DateTime<Utc>,
    #[sqlx(try_from = "String")]
    pub action: AdminAction,
    #[sqlx(try_from = "String")]
    pub subject: SubjectKind,
    pub subject_id: i64,
    pub reason: String,
    pub detail: String,
}

/// Which rows of the log to read: one kind of action, what was done to one thing, rows
/// older than a cursor (the log reads newest first).
#[derive(Debug, Clone, Copy, Default)]
pub struct AuditFilter {
    pub action: Option<AdminAction>,
    pub subject: Option<(SubjectKind, i64)>,
    pub before: Option<i64>,
}

#[async_trait::async_trait]
pub trait AuditLog: Send + Sync + 'static {
    /// A page of the log, newest first, with the number of rows the filter matches.
    async fn admin_actions(&self, filter: AuditFilter, limit: i64) -> Result<Page<AdminActionRow>>;
}

impl<DB: Db> Store<DB> {
    /// Writes the row of an action, on the action's own connection (its transaction).
    pub(crate) async fn record_action(
        conn: &mut DB::Connection,
        record: &ActionRecord<'_>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO admin_actions (admin_id, at, action, subject, subject_id, reason, detail) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(record.admin_id)
        .bind(crate::time::to_db(now))
        .bind(record.action.to_stored())
        .bind(record.action.subject().to_stored())
        .bind(record.subject_id)
        .bind(record.reason)
        .bind(&record.detail)
        .execute(&mut *conn)
        .await?;
        Ok(())
    }
}

/// The filter's conditions, after `WHERE TRUE`.
fn push_filter<DB: Db>(query: &mut QueryBuilder<DB>, filter: &AuditFilter) {
    if let Some(action) = filter.action {
        query.push(" AND a.action = ").push_bind(action.to_stored());
    }
    if let Some((kind, id)) = filter.subject {
        query
            .push(" AND a.subject = ")
            .push_bind(kind.to_stored())
            .push(" AND a.subject_id = ")
            .push_bind(id);
    }
}

#[async_trait::async_trait]
impl<DB: Db> AuditLog for Store<DB> {
    async fn admin_actions(&self, filter: AuditFilter, limit: i64) -> Result<Page<AdminActionRow>> {
        let mut count = QueryBuilder::<DB>::new("SELECT COUNT(*) FROM admin_actions a WHERE TRUE");
        push_filter(&mut count, &filter);
        let total: i64 = count.build_query_scalar().fetch_one(&self.pool).await?;

        let mut rows = QueryBuilder::<DB>::new(
            "SELECT a.id, a.admin_id, u.first_name || ' ' || u.last_name AS admin_name, a.at, \
             a.action, a.subject, a.subject_id, a.reason, a.detail \
             FROM admin_actions a JOIN users u ON u.id = a.admin_id WHERE TRUE",
        );
        push_filter(&mut rows, &filter);
        if let Some(before) = filter.before {
            rows.push(" AND a.id < ").push_bind(before);
        }
        rows.push(" ORDER BY a.id DESC");
        Ok(self
            .read_page(rows, limit, total, |row: &AdminActionRow| row.id)
            .await?)
    }
}
