-- What each deposit has spent under each cap, kept on the deposit (updated in the
-- booking and cancellation transactions) instead of summed over its bookings at
-- every booking.

ALTER TABLE deposits ADD COLUMN digital_spent_cents INTEGER NOT NULL DEFAULT 0 CHECK (digital_spent_cents >= 0);
ALTER TABLE deposits ADD COLUMN physical_spent_cents INTEGER NOT NULL DEFAULT 0 CHECK (physical_spent_cents >= 0);

UPDATE deposits SET
    digital_spent_cents = (SELECT COALESCE(SUM(b.amount_cents), 0) FROM bookings b
                           WHERE b.deposit_id = deposits.id AND b.cap_kind = 'digital' AND b.status <> 'cancelled'),
    physical_spent_cents = (SELECT COALESCE(SUM(b.amount_cents), 0) FROM bookings b
                            WHERE b.deposit_id = deposits.id AND b.cap_kind = 'physical' AND b.status <> 'cancelled');
