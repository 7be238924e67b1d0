-- The notification centre lists the outbox's messages about a person's bookings and
-- credit (mailed or not); each message remembers when its person read it there. A flag
-- per message, not "read up to an id": ids are handed out before commit, so a message
-- committed late could fall under a mark made meanwhile and never show as new. What was
-- written before the centre existed is history, not news: read.
ALTER TABLE outbox ADD COLUMN read_at BIGINT;
UPDATE outbox SET read_at = created_at;

CREATE INDEX outbox_by_person ON outbox (user_id, id) WHERE user_id IS NOT NULL;

-- The scheduler's purge of the messages done long ago (`domain::notification::kept_for`).
CREATE INDEX outbox_done_by_age ON outbox (created_at) WHERE status IN ('sent', 'failed');
