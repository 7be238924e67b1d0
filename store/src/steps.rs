//! The writes several areas make inside their own transactions:
//! - re-deriving the search index (`offer_search`, migration 0007: one row per findable
//!   offer, from offers, venues, structures and stocks) after any change that can make an
//!   offer appear, move or disappear;
//! - cancelling confirmed bookings, whoever asks (the young person, the partner, an
//!   administrator's withdrawal, the expiry job): status, seats back, credit back with its
//!   ledger row, claimed by a conditional update so nothing is given back twice.

use crate::backend::{Affected, Db, Store};
use crate::bookings::book::cap_amounts;

/// Which confirmed bookings [`cancel_all_in`] cancels.
#[derive(Debug, Clone, Copy)]
pub(crate) enum BookingScope {
    Stock(i64),
    Offer(i64),
}

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

impl<DB: Db> Store<DB> {
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
        sqlx::query(REINDEX)
            .bind(first)
            .bind(last)
            .bind(crate::time::to_db(now))
            .execute(&mut *conn)
            .await?;
        Ok(())
    }

    /// Cancels a confirmed booking: status, seats back, credit back with its ledger row,
    /// the offer re-indexed. Returns `false` (and changes nothing) when the booking
    /// was no longer confirmed.
    pub(crate) async fn cancel_in(
        &self,
        conn: &mut DB::Connection,
        booking: &crate::BookingRow,
        reason: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<bool, sqlx::Error> {
        let cancelled = self.release_in(&mut *conn, booking, reason, now).await?;
        if cancelled {
            self.reindex(&mut *conn, booking.offer_id, booking.offer_id, now)
                .await?;
        }
        Ok(cancelled)
    }

    /// Cancels every confirmed booking of a stock or of an offer (their ids, oldest
    /// first, locked on PostgreSQL), like [`Self::cancel_in`] but re-indexing the
    /// offer once, by the caller. Returns the bookings cancelled.
    pub(crate) async fn cancel_all_in(
        &self,
        conn: &mut DB::Connection,
        scope: BookingScope,
        reason: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Vec<crate::BookingRow>, sqlx::Error> {
        let (sql, id) = match scope {
            BookingScope::Stock(id) => (
                concat!(
                    crate::columns::booking_select!(),
                    "WHERE b.stock_id = $1 AND b.status = 'confirmed' ORDER BY b.id"
                ),
                id,
            ),
            BookingScope::Offer(id) => (
                concat!(
                    crate::columns::booking_select!(),
                    "WHERE b.offer_id = $1 AND b.status = 'confirmed' ORDER BY b.id"
                ),
                id,
            ),
        };
        let bookings = sqlx::query_as::<_, crate::BookingRow>(DB::for_update(sql, Some("b")))
            .bind(id)
            .fetch_all(&mut *conn)
            .await?;
        let mut cancelled = Vec::with_capacity(bookings.len());
        for booking in bookings {
            if self.release_in(&mut *conn, &booking, reason, now).await? {
                cancelled.push(booking);
            }
        }
        Ok(cancelled)
    }

    /// The writes of a cancellation, without re-indexing.
    pub(crate) async fn release_in(
        &self,
        conn: &mut DB::Connection,
        booking: &crate::BookingRow,
        reason: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<bool, sqlx::Error> {
        let now = crate::time::to_db(now);
        let claimed = sqlx::query(
            "UPDATE bookings SET status = 'cancelled', cancelled_at = $1, cancellation_reason = $2 \
             WHERE id = $3 AND status = 'confirmed'",
        )
        .bind(now)
        .bind(reason)
        .bind(booking.id)
        .execute(&mut *conn)
        .await?;
        // Another instance (or request) got there first: nothing to give back twice.
        if claimed.rows_affected() != 1 {
            return Ok(false);
        }
        sqlx::query("UPDATE stocks SET booked = booked - $1 WHERE id = $2")
            .bind(booking.quantity)
            .bind(booking.stock_id)
            .execute(&mut *conn)
            .await?;
        if booking.amount_cents > 0 {
            let cap = booking
                .cap_kind
                .as_deref()
                .and_then(domain::catalogue::CapKind::from_code);
            let (digital, physical) = cap_amounts(cap, booking.amount_cents);
            sqlx::query(
                "UPDATE deposits SET balance_cents = balance_cents + $1, \
                 digital_spent_cents = digital_spent_cents - $2, physical_spent_cents = physical_spent_cents - $3 \
                 WHERE id = $4",
            )
                .bind(booking.amount_cents)
                .bind(digital)
                .bind(physical)
                .bind(booking.deposit_id)
                .execute(&mut *conn)
                .await?;
            sqlx::query(
                "INSERT INTO credit_movements (deposit_id, booking_id, kind, amount_cents, created_at) \
                 VALUES ($1, $2, 'refund', $3, $4)",
            )
            .bind(booking.deposit_id)
            .bind(booking.id)
            .bind(booking.amount_cents)
            .bind(now)
            .execute(&mut *conn)
            .await?;
        }
        Ok(true)
    }
}
