//! Web Push: the devices each person turned notifications on for, the server's VAPID
//! key, and which notifications of the centre are still to push. The pusher
//! (`app::ssr::push`) claims a notification by stamping it before it sends, so several
//! instances never push one twice (a push is a nudge: one lost to a crash is not sent
//! again, the notification stays in the centre).

use crate::backend::{Affected, Db, Store};
use crate::error::StoreError;
use crate::notifications::{NOTICE_SELECT, NoticeRecord, NoticeRow, push_kinds, push_still_true};
use crate::time::to_db;
use chrono::{DateTime, Utc};
use domain::notification::MailKind;
use sqlx::QueryBuilder;

type Result<T> = std::result::Result<T, StoreError>;

/// The devices one person may have notifications on at once.
pub const MAX_DEVICES: i64 = 10;

/// A device's subscription, as the browser's `PushSubscription` gives it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PushDevice {
    pub endpoint: String,
    /// The device's P-256 public key, base64url.
    pub p256dh: String,
    /// The device's authentication secret, base64url.
    pub auth: String,
}

/// A notification to push, to whom.
#[derive(Debug, Clone, PartialEq)]
pub struct PushDue {
    pub user_id: i64,
    pub notice: NoticeRow,
}

#[async_trait::async_trait]
pub trait Push: Send + Sync + 'static {
    /// The VAPID private key every instance signs with: the one kept, or `fresh`, kept
    /// from now on.
    async fn vapid_key(&self, fresh: &str, now: DateTime<Utc>) -> Result<String>;
    /// Records the device of `user_id`, on for as long as their session `session_id`
    /// lasts (a device subscribed before, by anyone, is theirs now: one phone, one
    /// person). A person keeps their [`MAX_DEVICES`] latest devices.
    async fn subscribe_push(
        &self,
        user_id: i64,
        session_id: &str,
        device: &PushDevice,
        now: DateTime<Utc>,
    ) -> Result<()>;
    /// Forgets the device of `user_id` at `endpoint`; whether it was theirs.
    async fn unsubscribe_push(&self, user_id: i64, endpoint: &str) -> Result<bool>;
    /// The devices of `user_id` subscribed by `by` (a notification goes to the devices
    /// that were on when it was written).
    async fn push_devices(&self, user_id: i64, by: DateTime<Utc>) -> Result<Vec<PushDevice>>;
    /// Forgets a device the push service says is gone.
    async fn forget_push_device(&self, endpoint: &str) -> Result<()>;
    /// Notifications among `kinds` written since `since`, not pushed yet, of people
    /// who had a device on when each was written; oldest first.
    async fn push_due(
        &self,
        kinds: &[MailKind],
        since: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<PushDue>>;
    /// Claims notification `id` for pushing at `now`; `false` if another did.
    async fn claim_push(&self, id: i64, now: DateTime<Utc>) -> Result<bool>;
    /// Marks done the notifications that will never be pushed: those written before
    /// `before` (too old now), and those whose person had no device on when they were
    /// written (a device turned on later does not get them). The pusher's index then
    /// holds only what it may push, and its round reads no backlog of an hour of bookings.
    /// Returns how many.
    async fn retire_unpushed(&self, before: DateTime<Utc>, now: DateTime<Utc>) -> Result<u64>;
}

#[async_trait::async_trait]
impl<DB: Db> Push for Store<DB> {
    async fn vapid_key(&self, fresh: &str, now: DateTime<Utc>) -> Result<String> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO vapid_keys (id, private_key, created_at) VALUES (1, $1, $2) \
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(fresh)
        .bind(to_db(now))
        .execute(&mut *tx)
        .await?;
        let key = sqlx::query_scalar("SELECT private_key FROM vapid_keys WHERE id = 1")
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(key)
    }

    async fn subscribe_push(
        &self,
        user_id: i64,
        session_id: &str,
        device: &PushDevice,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO push_subscriptions (user_id, session_id, endpoint, p256dh, auth, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (endpoint) DO UPDATE SET \
             user_id = excluded.user_id, session_id = excluded.session_id, \
             p256dh = excluded.p256dh, auth = excluded.auth, created_at = excluded.created_at",
        )
        .bind(user_id)
        .bind(session_id)
        .bind(&device.endpoint)
        .bind(&device.p256dh)
        .bind(&device.auth)
        .bind(to_db(now))
        .execute(&mut *tx)
        .await?;
        // The oldest go beyond the limit: a loop of subscriptions cannot make one
        // person's notifications cost the pusher more than a few devices.
        sqlx::query(
            "DELETE FROM push_subscriptions WHERE user_id = $1 AND id NOT IN (\
             SELECT id FROM push_subscriptions WHERE user_id = $1 \
             ORDER BY created_at DESC, id DESC LIMIT $2)",
        )
        .bind(user_id)
        .bind(MAX_DEVICES)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn unsubscribe_push(&self, user_id: i64, endpoint: &str) -> Result<bool> {
        let mut tx = self.begin_write().await?;
        let gone =
            sqlx::query("DELETE FROM push_subscriptions WHERE user_id = $1 AND endpoint = $2")
                .bind(user_id)
                .bind(endpoint)
                .execute(&mut *tx)
                .await?;
        tx.commit().await?;
        Ok(gone.rows_affected() == 1)
    }

    async fn push_devices(&self, user_id: i64, by: DateTime<Utc>) -> Result<Vec<PushDevice>> {
        Ok(sqlx::query_as(
            "SELECT endpoint, p256dh, auth FROM push_subscriptions \
             WHERE user_id = $1 AND created_at <= $2 ORDER BY id",
        )
        .bind(user_id)
        .bind(to_db(by))
        .fetch_all(&self.pool)
        .await?)
    }

    async fn forget_push_device(&self, endpoint: &str) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM push_subscriptions WHERE endpoint = $1")
            .bind(endpoint)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn push_due(
        &self,
        kinds: &[MailKind],
        since: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<PushDue>> {
        let mut query = QueryBuilder::<DB>::new(NOTICE_SELECT);
        query
            .push("WHERE m.pushed_at IS NULL AND m.created_at > ")
            .push_bind(to_db(since))
            .push(
                " AND EXISTS (SELECT 1 FROM push_subscriptions p WHERE p.user_id = m.user_id \
                 AND p.created_at <= m.created_at)",
            );
        push_kinds(&mut query, "m.kind", kinds);
        push_still_true(&mut query);
        query
            .push(" ORDER BY m.created_at, m.id LIMIT ")
            .push_bind(limit);
        let rows: Vec<NoticeRecord> = query.build_query_as().fetch_all(&self.pool).await?;
        Ok(rows
            .into_iter()
            .filter_map(|row| {
                let user_id = row.user_id?;
                Some(PushDue {
                    user_id,
                    notice: row.notice()?,
                })
            })
            .collect())
    }

    async fn retire_unpushed(&self, before: DateTime<Utc>, now: DateTime<Utc>) -> Result<u64> {
        let mut tx = self.begin_write().await?;
        let retired = sqlx::query(
            "UPDATE outbox SET pushed_at = $1 WHERE pushed_at IS NULL AND (created_at <= $2 \
             OR NOT EXISTS (SELECT 1 FROM push_subscriptions p \
                            WHERE p.user_id = outbox.user_id AND p.created_at <= outbox.created_at))",
        )
        .bind(to_db(now))
        .bind(to_db(before))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(retired.rows_affected())
    }

    async fn claim_push(&self, id: i64, now: DateTime<Utc>) -> Result<bool> {
        let mut tx = self.begin_write().await?;
        let claimed =
            sqlx::query("UPDATE outbox SET pushed_at = $1 WHERE id = $2 AND pushed_at IS NULL")
                .bind(to_db(now))
                .bind(id)
                .execute(&mut *tx)
                .await?;
        tx.commit().await?;
        Ok(claimed.rows_affected() == 1)
    }
}
