//! The search index (`offer_search`, migration 0007): one row per findable offer,
//! derived from offers, venues, structures and stocks, and re-derived in the transaction
//! of every change that can make an offer appear, move or disappear.

use crate::backend::{Db, Store, Value};

/// Derives the search-index rows of offers `$1..=$2` that are findable at `$3`:
/// published, of a validated structure, with a stock not deleted, not sold out and still
/// open for booking. (Migration 0007 ran the same for the offers already there.)
pub(crate) const REINDEX: &str = "INSERT INTO offer_search (\
    offer_id, venue_id, latitude, longitude, subcategory, title, artist, description, \
    venue_name, city, postal_code, is_duo, is_digital, audio_accessible, mental_accessible, \
    motor_accessible, visual_accessible, min_price_cents, next_begins_at, bookable_until, created_at, \
    thumbnail_url) \
    SELECT o.id, v.id, v.latitude, v.longitude, o.subcategory, o.title, COALESCE(o.artist, ''), \
    o.description, v.name, v.city, v.postal_code, o.is_duo, (o.url IS NOT NULL OR v.is_virtual), \
    o.audio_accessible, o.mental_accessible, o.motor_accessible, o.visual_accessible, \
    MIN(s.price_cents), MIN(s.begins_at), \
    MAX(COALESCE(s.booking_limit_at, s.begins_at, 253402300799)), o.created_at, o.thumbnail_url \
    FROM offers o \
    JOIN venues v ON v.id = o.venue_id \
    JOIN structures st ON st.id = v.structure_id \
    JOIN stocks s ON s.offer_id = o.id \
    WHERE o.id BETWEEN $1 AND $2 AND st.status = 'validated' AND o.status = 'published' \
    AND s.is_deleted = FALSE AND (s.quantity IS NULL OR s.booked < s.quantity) \
    AND COALESCE(s.booking_limit_at, s.begins_at, 253402300799) > $3 \
    AND (o.publish_at IS NULL OR o.publish_at <= $3) \
    GROUP BY o.id, v.id";

impl<DB: Db> Store<DB>
where
    for<'c> &'c mut DB::Connection: sqlx::Executor<'c, Database = DB>,
    for<'r> &'r str: sqlx::ColumnIndex<DB::Row>,
    usize: sqlx::ColumnIndex<DB::Row>,
    for<'q> &'q str: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> Option<&'q str>: sqlx::Encode<'q, DB>,
    i32: Value<DB>,
    i64: Value<DB>,
    f64: Value<DB>,
    bool: Value<DB>,
    String: Value<DB>,
    Vec<u8>: Value<DB>,
    Option<i64>: Value<DB>,
    Option<f64>: Value<DB>,
    Option<String>: Value<DB>,
{
    /// Re-derives the search-index rows of offers `first..=last` from offers, venues
    /// and stocks (deleted, then re-inserted when still findable at `now`).
    pub(crate) async fn reindex(
        &self,
        conn: &mut DB::Connection,
        first: i64,
        last: i64,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM offer_search WHERE offer_id BETWEEN $1 AND $2")
            .bind(first)
            .bind(last)
            .execute(&mut *conn)
            .await?;
        sqlx::query(crate::index::REINDEX)
            .bind(first)
            .bind(last)
            .bind(crate::time::to_db(now))
            .execute(&mut *conn)
            .await?;
        Ok(())
    }
}
