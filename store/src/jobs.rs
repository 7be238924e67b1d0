//! Scheduled work, safe on several instances at once: uncollected bookings expire, past
//! events are marked used, the search index follows the clock.

use crate::backend::{Affected, Db, Store};
use crate::error::StoreError;
use crate::models::BookingRow;
use chrono::{DateTime, Utc};

type Result<T> = std::result::Result<T, StoreError>;

#[async_trait::async_trait]
pub trait Jobs: Send + Sync + 'static {
    /// Cancels uncollected bookings of things past their delay (30 days, paper books 10),
    /// credit back. Safe to run on several instances at once: each booking is claimed by
    /// a conditional update, so no refund happens twice. Returns how many expired.
    async fn expire_uncollected(&self, now: DateTime<Utc>) -> Result<u64>;
    /// Marks bookings of events that started 48 h ago as used.
    async fn mark_past_events_used(&self, now: DateTime<Utc>) -> Result<u64>;
    /// Re-derives the search index of offers whose next date has passed (the index's
    /// queries already hide what closed; this refreshes prices, dates and the map's
    /// counts). Returns how many offers were looked at.
    async fn reindex_past_offers(&self, now: DateTime<Utc>) -> Result<u64>;
}

#[async_trait::async_trait]
impl<DB: Db> Jobs for Store<DB> {
    #[tracing::instrument(skip(self))]
    async fn expire_uncollected(&self, now: DateTime<Utc>) -> Result<u64> {
        // Candidates: confirmed bookings of things older than the shortest delay;
        // the subcategory decides the exact one.
        let (shortest, _) = domain::catalogue::expiry_days_bounds();
        let candidates = sqlx::query_as::<_, (i64, String, i64)>(
            "SELECT b.id, o.subcategory, b.booked_at FROM bookings b \
             JOIN stocks s ON s.id = b.stock_id JOIN offers o ON o.id = b.offer_id \
             WHERE b.status = 'confirmed' AND b.booked_at <= $1 AND s.begins_at IS NULL \
             ORDER BY b.booked_at LIMIT 500",
        )
        .bind(crate::time::to_db(now - chrono::Duration::days(shortest)))
        .fetch_all(&self.pool)
        .await?;
        let mut expired = 0;
        for (booking_id, sub, booked_at) in candidates {
            let expires =
                domain::catalogue::uncollected_expiry(&sub, crate::time::from_db(booked_at));
            if expires.is_none_or(|at| at > now) {
                continue;
            }
            let mut tx = self.begin_write().await?;
            let booking = sqlx::query_as::<_, BookingRow>(DB::for_update(
                concat!(crate::columns::booking_select!(), "WHERE b.id = $1 "),
                Some("b"),
            ))
            .bind(booking_id)
            .fetch_one(&mut *tx)
            .await?;
            if self
                .cancel_in(
                    &mut *tx,
                    &booking,
                    &domain::ticket::CancellationCause::Expired.to_stored(),
                    now,
                )
                .await?
            {
                expired += 1;
            }
            tx.commit().await?;
        }
        Ok(expired)
    }

    #[tracing::instrument(skip(self))]
    async fn mark_past_events_used(&self, now: DateTime<Utc>) -> Result<u64> {
        let cutoff = now - domain::cancellation::EVENT_DELAY;
        let done = sqlx::query(
            "UPDATE bookings SET status = 'used', used_at = $1 WHERE status = 'confirmed' \
             AND stock_id IN (SELECT id FROM stocks WHERE begins_at IS NOT NULL AND begins_at <= $2)",
        )
        .bind(crate::time::to_db(now))
        .bind(crate::time::to_db(cutoff))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }

    #[tracing::instrument(skip(self))]
    async fn reindex_past_offers(&self, now: DateTime<Utc>) -> Result<u64> {
        // Offers whose next date passed (their first stock closed, maybe their
        // last), and offers whose publication date came in the last day.
        let due = sqlx::query_scalar::<_, i64>(
            "SELECT offer_id FROM offer_search WHERE COALESCE(next_begins_at, 253402300799) <= $1 \
             UNION SELECT offer_id FROM offer_search WHERE bookable_until <= $1 \
             UNION SELECT o.id FROM offers o WHERE o.publish_at <= $1 AND o.publish_at > $2 \
             AND o.status = 'published' AND NOT EXISTS (SELECT 1 FROM offer_search os WHERE os.offer_id = o.id) \
             ORDER BY 1 LIMIT 1000",
        )
        .bind(crate::time::to_db(now))
        .bind(crate::time::to_db(now) - 86_400)
        .fetch_all(&self.pool)
        .await?;
        for offer_id in &due {
            let mut tx = self.begin_write().await?;
            self.reindex(&mut *tx, *offer_id, *offer_id, now).await?;
            tx.commit().await?;
        }
        Ok(due.len() as u64)
    }
}
