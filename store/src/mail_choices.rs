//! What each person chose to receive, per kind of message, and the key their mails'
//! one-click unsubscribe links carry. The sender asks before each mail, so a choice made
//! after a message was queued still counts.

use crate::backend::{Db, Store};
use crate::error::StoreError;
use domain::notification::{Channel, MailKind};

type Result<T> = std::result::Result<T, StoreError>;

#[async_trait::async_trait]
pub trait MailChoices: Send + Sync + 'static {
    /// The choices `user_id` made (kinds they never chose about are not listed).
    async fn mail_choices(&self, user_id: i64) -> Result<Vec<(MailKind, Channel)>>;
    /// What `user_id` chose for `kind`, if they chose.
    async fn mail_choice(&self, user_id: i64, kind: MailKind) -> Result<Option<Channel>>;
    /// Records that `user_id` wants `kind` by `channel` (replacing an earlier choice).
    async fn choose_mail(&self, user_id: i64, kind: MailKind, channel: Channel) -> Result<()>;
    /// The key of `user_id`'s unsubscribe links: theirs if they have one, else `fresh`,
    /// kept as theirs from now on.
    async fn mail_key(&self, user_id: i64, fresh: &str) -> Result<String>;
    /// Whose unsubscribe links carry `key`.
    async fn owner_of_mail_key(&self, key: &str) -> Result<Option<i64>>;
}

#[async_trait::async_trait]
impl<DB: Db> MailChoices for Store<DB> {
    async fn mail_choices(&self, user_id: i64) -> Result<Vec<(MailKind, Channel)>> {
        let rows: Vec<(String, String)> =
            sqlx::query_as("SELECT kind, channel FROM mail_choices WHERE user_id = $1")
                .bind(user_id)
                .fetch_all(&self.pool)
                .await?;
        // A kind or channel this version does not know (written by a newer one) is left
        // out rather than failing the whole list.
        Ok(rows
            .into_iter()
            .filter_map(|(kind, channel)| {
                Some((
                    MailKind::try_from(kind).ok()?,
                    Channel::from_stored(&channel)?,
                ))
            })
            .collect())
    }

    async fn mail_choice(&self, user_id: i64, kind: MailKind) -> Result<Option<Channel>> {
        let channel: Option<String> =
            sqlx::query_scalar("SELECT channel FROM mail_choices WHERE user_id = $1 AND kind = $2")
                .bind(user_id)
                .bind(kind.to_stored())
                .fetch_optional(&self.pool)
                .await?;
        Ok(channel.as_deref().and_then(Channel::from_stored))
    }

    async fn choose_mail(&self, user_id: i64, kind: MailKind, channel: Channel) -> Result<()> {
        let mut tx = self.begin_write().await?;
        self.record_choice(&mut tx, user_id, kind, channel).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn mail_key(&self, user_id: i64, fresh: &str) -> Result<String> {
        let kept = sqlx::query_scalar::<_, String>("SELECT key FROM mail_keys WHERE user_id = $1")
            .bind(user_id)
            .fetch_optional(&self.pool)
            .await?;
        if let Some(key) = kept {
            return Ok(key);
        }
        let mut tx = self.begin_write().await?;
        // Two senders may both find none: the first one's key stays.
        sqlx::query(
            "INSERT INTO mail_keys (user_id, key) VALUES ($1, $2) ON CONFLICT (user_id) DO NOTHING",
        )
        .bind(user_id)
        .bind(fresh)
        .execute(&mut *tx)
        .await?;
        let key = sqlx::query_scalar("SELECT key FROM mail_keys WHERE user_id = $1")
            .bind(user_id)
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(key)
    }

    async fn owner_of_mail_key(&self, key: &str) -> Result<Option<i64>> {
        Ok(
            sqlx::query_scalar("SELECT user_id FROM mail_keys WHERE key = $1")
                .bind(key)
                .fetch_optional(&self.pool)
                .await?,
        )
    }
}

impl<DB: Db> Store<DB> {
    /// Records, in a transaction of the caller's, that `user_id` wants `kind` by
    /// `channel` (replacing an earlier choice).
    pub(crate) async fn record_choice(
        &self,
        conn: &mut DB::Connection,
        user_id: i64,
        kind: MailKind,
        channel: Channel,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO mail_choices (user_id, kind, channel) VALUES ($1, $2, $3) \
             ON CONFLICT (user_id, kind) DO UPDATE SET channel = excluded.channel",
        )
        .bind(user_id)
        .bind(kind.to_stored())
        .bind(channel.to_stored())
        .execute(&mut *conn)
        .await?;
        Ok(())
    }
}
