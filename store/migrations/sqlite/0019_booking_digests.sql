-- Partners who chose a daily digest of their bookings (`domain::notification::BookingMail`)
-- instead of a mail per booking: when their next digest is due (08:00 on their clock, as
-- UTC seconds) and since when its bookings are counted. The scheduler takes the due ones
-- by this index and moves both forward in the transaction that queues the digest, so
-- schedulers of several instances never queue one twice.
CREATE TABLE booking_digests (
    user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    since INTEGER NOT NULL,
    next_at INTEGER NOT NULL
);

CREATE INDEX booking_digests_due ON booking_digests (next_at);
