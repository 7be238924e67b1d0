-- Favorites (at most 100 a person, checked in the transaction that adds one), and the
-- indexes the scheduled jobs scan by.

CREATE TABLE favorites (
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    offer_id   INTEGER NOT NULL REFERENCES offers (id),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, offer_id)
);
CREATE INDEX favorites_by_offer ON favorites (offer_id);

CREATE INDEX bookings_by_status_and_date ON bookings (status, booked_at);
CREATE INDEX stocks_by_start ON stocks (begins_at);
