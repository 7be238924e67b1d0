//! A person's favorite offers, at most `MAX_FAVORITES`.

use crate::backend::{Db, Store};
use crate::error::StoreError;
use crate::models::*;
use chrono::{DateTime, Utc};

type Result<T> = std::result::Result<T, StoreError>;

#[async_trait::async_trait]
pub trait Favorites: Send + Sync + 'static {
    /// Adds an offer to the person's favorites (at most `MAX_FAVORITES`; adding twice is
    /// a no-op).
    async fn add_favorite(&self, user_id: i64, offer_id: i64, now: DateTime<Utc>) -> Result<()>;
    async fn remove_favorite(&self, user_id: i64, offer_id: i64) -> Result<()>;
    async fn is_favorite(&self, user_id: i64, offer_id: i64) -> Result<bool>;
    async fn favorites(&self, user_id: i64) -> Result<Vec<FavoriteRow>>;
}

#[async_trait::async_trait]
impl<DB: Db> Favorites for Store<DB> {
    async fn add_favorite(&self, user_id: i64, offer_id: i64, now: DateTime<Utc>) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(DB::for_update("SELECT id FROM users WHERE id = $1 ", None))
            .bind(user_id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        let already = sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM favorites WHERE user_id = $1 AND offer_id = $2",
        )
        .bind(user_id)
        .bind(offer_id)
        .fetch_one(&mut *tx)
        .await?;
        if already > 0 {
            return Ok(());
        }
        let count =
            sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM favorites WHERE user_id = $1")
                .bind(user_id)
                .fetch_one(&mut *tx)
                .await?;
        if count >= domain::account::MAX_FAVORITES {
            return Err(StoreError::LimitReached);
        }
        sqlx::query("INSERT INTO favorites (user_id, offer_id, created_at) VALUES ($1, $2, $3)")
            .bind(user_id)
            .bind(offer_id)
            .bind(crate::time::to_db(now))
            .execute(&mut *tx)
            .await
            .map_err(|e| match e {
                sqlx::Error::Database(db) if db.is_foreign_key_violation() => StoreError::NotFound,
                other => StoreError::from(other),
            })?;
        tx.commit().await?;
        Ok(())
    }

    async fn remove_favorite(&self, user_id: i64, offer_id: i64) -> Result<()> {
        sqlx::query("DELETE FROM favorites WHERE user_id = $1 AND offer_id = $2")
            .bind(user_id)
            .bind(offer_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn is_favorite(&self, user_id: i64, offer_id: i64) -> Result<bool> {
        Ok(sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM favorites WHERE user_id = $1 AND offer_id = $2",
        )
        .bind(user_id)
        .bind(offer_id)
        .fetch_one(&self.pool)
        .await?
            > 0)
    }

    async fn favorites(&self, user_id: i64) -> Result<Vec<FavoriteRow>> {
        Ok(sqlx::query_as(
            "SELECT o.id AS offer_id, o.title, o.subcategory, v.name AS venue_name, v.city \
             FROM favorites f JOIN offers o ON o.id = f.offer_id JOIN venues v ON v.id = o.venue_id \
             WHERE f.user_id = $1 ORDER BY f.created_at DESC, o.id DESC",
        )
        .bind(user_id)
        .fetch_all(&self.pool)
        .await?)
    }
}
