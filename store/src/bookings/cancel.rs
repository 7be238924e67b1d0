//! Cancelling confirmed bookings, whoever asks (the young person, the partner, an
//! administrator's withdrawal, the expiry job): status, seats back, credit back with its
//! ledger row. Claimed by a conditional update, so nothing is given back twice.

use crate::backend::{Affected, Db, Store, Value};

/// Which confirmed bookings [`cancel_all_in`] cancels.
#[derive(Debug, Clone, Copy)]
pub(crate) enum BookingScope {
    Stock(i64),
    Offer(i64),
}

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
        scope: crate::bookings::cancel::BookingScope,
        reason: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Vec<crate::BookingRow>, sqlx::Error> {
        let (sql, id) = match scope {
            crate::bookings::cancel::BookingScope::Stock(id) => (
                concat!(
                    crate::columns::booking_select!(),
                    "WHERE b.stock_id = $1 AND b.status = 'confirmed' ORDER BY b.id"
                ),
                id,
            ),
            crate::bookings::cancel::BookingScope::Offer(id) => (
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
            let cap = match booking.cap_kind.as_deref() {
                Some("digital") => Some(domain::catalogue::CapKind::Digital),
                Some("physical") => Some(domain::catalogue::CapKind::Physical),
                _ => None,
            };
            let (digital, physical) = super::book::cap_amounts(cap, booking.amount_cents);
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
