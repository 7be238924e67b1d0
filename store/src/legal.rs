//! Who accepted which versions of the terms of use and the privacy notice
//! (`domain::legal`): the versions on the account, and every acceptance kept with its
//! moment, as proof.

use crate::backend::{Db, Store};
use crate::error::StoreError;
use chrono::{DateTime, Utc};
use domain::legal::Acceptance;

type Result<T> = std::result::Result<T, StoreError>;

#[async_trait::async_trait]
pub trait Legal: Send + Sync + 'static {
    /// Records that `user_id` accepted these versions (again: a no-op for the proof).
    async fn accept_legal(
        &self,
        user_id: i64,
        accepted: Acceptance,
        now: DateTime<Utc>,
    ) -> Result<()>;
}

impl<DB: Db> Store<DB> {
    pub(crate) async fn record_acceptance(
        conn: &mut DB::Connection,
        user_id: i64,
        accepted: Acceptance,
        now: DateTime<Utc>,
    ) -> Result<()> {
        // Never lower: a server rolled back to older texts does not undo an acceptance.
        sqlx::query(
            "UPDATE users SET \
             terms_version = CASE WHEN terms_version > $2 THEN terms_version ELSE $2 END, \
             privacy_version = CASE WHEN privacy_version > $3 THEN privacy_version ELSE $3 END \
             WHERE id = $1",
        )
        .bind(user_id)
        .bind(i64::from(accepted.terms))
        .bind(i64::from(accepted.privacy))
        .execute(&mut *conn)
        .await?;
        sqlx::query(
            "INSERT INTO legal_acceptances (user_id, terms_version, privacy_version, accepted_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        )
        .bind(user_id)
        .bind(i64::from(accepted.terms))
        .bind(i64::from(accepted.privacy))
        .bind(crate::time::to_db(now))
        .execute(&mut *conn)
        .await?;
        Ok(())
    }
}

#[async_trait::async_trait]
impl<DB: Db> Legal for Store<DB> {
    async fn accept_legal(
        &self,
        user_id: i64,
        accepted: Acceptance,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        Self::record_acceptance(&mut tx, user_id, accepted, now).await?;
        tx.commit().await?;
        Ok(())
    }
}
