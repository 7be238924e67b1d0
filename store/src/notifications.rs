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

/// Adds ` AND <column> IN (...)` for `kinds` (none: nothing matches).
fn push_kinds<DB: Db>(query: &mut QueryBuilder<DB>, column: &str, kinds: &[MailKind]) {
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
fn push_still_true<DB: Db>(query: &mut QueryBuilder<DB>) {
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
        let mut query = QueryBuilder::<DB>::new(
            "SELECT m.id, m.kind, m.booking_id, o.title, v.postal_code, m.created_at, \
             CASE WHEN m.read_at IS NULL THEN 1 ELSE 0 END \
             FROM outbox m \
             LEFT JOIN bookings b ON b.id = m.booking_id \
             LEFT JOIN offers o ON o.id = b.offer_id \
             LEFT JOIN venues v ON v.id = o.venue_id \
             WHERE m.user_id = ",
        );
        query.push_bind(user_id);
        push_kinds(&mut query, "m.kind", kinds);
        push_still_true(&mut query);
        query.push(" ORDER BY m.id DESC LIMIT ").push_bind(limit);
        let rows: Vec<(
            i64,
            String,
            Option<i64>,
            Option<String>,
            Option<String>,
            i64,
            i32,
        )> = query.build_query_as().fetch_all(&self.pool).await?;
        // A kind this version does not know (written by a newer one) is left out.
        Ok(rows
            .into_iter()
            .filter_map(
                |(id, kind, booking_id, offer_title, postal_code, created_at, unread)| {
                    Some(NoticeRow {
                        id,
                        kind: MailKind::try_from(kind).ok()?,
                        booking_id,
                        offer_title,
                        postal_code,
                        created_at: crate::time::from_db(created_at),
                        unread: unread == 1,
                    })
                },
            )
            .collect())
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
