//! The notification centre reads the outbox: each message about a person's bookings and
//! credit is already a row there, written with its cause, whether it is mailed or not (a
//! person who stopped a kind of mail still finds it in the app). What the centre adds is
//! when each was read there, for the unread count.

use crate::backend::{Db, Store};
use crate::error::StoreError;
use chrono::{DateTime, Utc};
use domain::notification::{MailKind, NO_LONGER_TRUE};
use sqlx::QueryBuilder;

type Result<T> = std::result::Result<T, StoreError>;

/// One notification, as the centre lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct NoticeRow {
    /// The outbox row's id.
    pub id: i64,
    pub kind: MailKind,
    /// The booking it is about, if any (its offer's title below).
    pub booking_id: Option<i64>,
    pub offer_title: Option<String>,
    /// Its venue's postal code (for its time zone), if it is about a booking.
    pub postal_code: Option<String>,
    pub created_at: DateTime<Utc>,
    /// Not read in the centre yet.
    pub unread: bool,
}

#[async_trait::async_trait]
pub trait Notifications: Send + Sync + 'static {
    /// The latest `limit` notifications of `user_id` among `kinds`, newest first.
    async fn notifications(
        &self,
        user_id: i64,
        kinds: &[MailKind],
        limit: i64,
    ) -> Result<Vec<NoticeRow>>;
    /// How many notifications of `user_id` among `kinds` they have not read.
    async fn unread_notifications(&self, user_id: i64, kinds: &[MailKind]) -> Result<i64>;
    /// Records that `user_id` read, at `now`, their notifications among `kinds` up to
    /// `up_to` (the newest they were shown); one committed since, even with a smaller
    /// id, stays unread. Those read before keep their moment.
    async fn read_notifications(
        &self,
        user_id: i64,
        kinds: &[MailKind],
        up_to: i64,
        now: DateTime<Utc>,
    ) -> Result<()>;
}

/// The columns and joins of a notification (the outbox row `m`, its booking's offer and
/// venue), read as [`NoticeRecord`].
pub(crate) const NOTICE_SELECT: &str = "SELECT m.id, m.user_id, m.kind, m.booking_id, \
    o.title AS offer_title, v.postal_code, m.created_at, \
    CASE WHEN m.read_at IS NULL THEN 1 ELSE 0 END AS unread \
    FROM outbox m \
    LEFT JOIN bookings b ON b.id = m.booking_id \
    LEFT JOIN offers o ON o.id = b.offer_id \
    LEFT JOIN venues v ON v.id = o.venue_id ";

/// A row of [`NOTICE_SELECT`].
#[derive(sqlx::FromRow)]
pub(crate) struct NoticeRecord {
    id: i64,
    pub user_id: Option<i64>,
    kind: String,
    booking_id: Option<i64>,
    offer_title: Option<String>,
    postal_code: Option<String>,
    created_at: i64,
    unread: i32,
}

impl NoticeRecord {
    /// The notification; `None` for a kind this version does not know (written by a
    /// newer one), left out rather than failing the whole list.
    pub(crate) fn notice(self) -> Option<NoticeRow> {
        Some(NoticeRow {
            id: self.id,
            kind: MailKind::try_from(self.kind).ok()?,
            booking_id: self.booking_id,
            offer_title: self.offer_title,
            postal_code: self.postal_code,
            created_at: crate::time::from_db(self.created_at),
            unread: self.unread == 1,
        })
    }
}

/// Adds ` AND <column> IN (...)` for `kinds` (none: nothing matches).
pub(crate) fn push_kinds<DB: Db>(query: &mut QueryBuilder<DB>, column: &str, kinds: &[MailKind]) {
    if kinds.is_empty() {
        query.push(" AND 1 = 0");
        return;
    }
    query.push(format!(" AND {column} IN ("));
    let mut list = query.separated(", ");
    for kind in kinds {
        list.push_bind(kind.to_stored());
    }
    query.push(")");
}

/// Leaves out the messages the sender gave up because they stopped being true (a
/// reminder of a booking cancelled meanwhile): not news any more.
pub(crate) fn push_still_true<DB: Db>(query: &mut QueryBuilder<DB>) {
    query
        .push(" AND NOT (m.status = 'failed' AND m.last_error LIKE ")
        .push_bind(format!("{NO_LONGER_TRUE}%"))
        .push(")");
}

#[async_trait::async_trait]
impl<DB: Db> Notifications for Store<DB> {
    async fn notifications(
        &self,
        user_id: i64,
        kinds: &[MailKind],
        limit: i64,
    ) -> Result<Vec<NoticeRow>> {
        let mut query = QueryBuilder::<DB>::new(NOTICE_SELECT);
        query.push("WHERE m.user_id = ").push_bind(user_id);
        push_kinds(&mut query, "m.kind", kinds);
        push_still_true(&mut query);
        query.push(" ORDER BY m.id DESC LIMIT ").push_bind(limit);
        let rows: Vec<NoticeRecord> = query.build_query_as().fetch_all(&self.pool).await?;
        Ok(rows.into_iter().filter_map(NoticeRecord::notice).collect())
    }

    async fn unread_notifications(&self, user_id: i64, kinds: &[MailKind]) -> Result<i64> {
        let mut query = QueryBuilder::<DB>::new(
            "SELECT COUNT(*) FROM outbox m WHERE m.read_at IS NULL AND m.user_id = ",
        );
        query.push_bind(user_id);
        push_kinds(&mut query, "m.kind", kinds);
        push_still_true(&mut query);
        Ok(query
            .build_query_scalar::<i64>()
            .fetch_one(&self.pool)
            .await?)
    }

    async fn read_notifications(
        &self,
        user_id: i64,
        kinds: &[MailKind],
        up_to: i64,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let mut query = QueryBuilder::<DB>::new("UPDATE outbox SET read_at = ");
        query
            .push_bind(crate::time::to_db(now))
            .push(" WHERE read_at IS NULL AND user_id = ")
            .push_bind(user_id)
            .push(" AND id <= ")
            .push_bind(up_to);
        push_kinds(&mut query, "kind", kinds);
        let mut tx = self.begin_write().await?;
        query.build().execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    }
}
