-- The reminders that credit is about to expire, once per person and kind.
CREATE UNIQUE INDEX outbox_one_credit_reminder ON outbox (kind, user_id)
    WHERE kind IN ('credit_expires_in_a_month', 'credit_expires_in_a_week');

-- What the scheduler reads every minute to find the reminders due: the confirmed
-- bookings of a date (events starting soon), those whose window to cancel closes soon,
-- whether a booking already had a reminder, and the credit left that expires soon.
CREATE INDEX bookings_confirmed_by_stock ON bookings (stock_id) WHERE status = 'confirmed';
CREATE INDEX bookings_by_cancellation_limit ON bookings (cancellation_limit_at)
    WHERE status = 'confirmed';
CREATE INDEX outbox_by_booking ON outbox (booking_id, kind) WHERE booking_id IS NOT NULL;
CREATE INDEX deposits_with_credit_by_expiry ON deposits (expires_at) WHERE balance_cents > 0;
