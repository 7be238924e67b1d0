-- The notification centre lists the outbox's messages about a person's bookings and
-- credit (mailed or not); this is how far each person has read them (an outbox id), for
-- the unread count, and the index that finds a person's messages.
CREATE TABLE notifications_read (
    user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    up_to INTEGER NOT NULL CHECK (up_to >= 0)
);

CREATE INDEX outbox_by_person ON outbox (user_id, id) WHERE user_id IS NOT NULL;
