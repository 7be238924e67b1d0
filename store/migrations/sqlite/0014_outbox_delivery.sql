-- The outbox becomes the queue of a sender: each message is written with the event that
-- causes it, then delivered by a worker that claims it (a lease of a few minutes, so two
-- instances never send it both), retries with growing waits and records the outcome.
-- `due_at` is when a pending message may be tried, or when the claim of a message being
-- sent runs out.

ALTER TABLE outbox ADD COLUMN status TEXT NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'sending', 'sent', 'failed'));
ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0);
ALTER TABLE outbox ADD COLUMN due_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN sent_at INTEGER;
ALTER TABLE outbox ADD COLUMN last_error TEXT;
-- What the message is about, for whom, and the booking it is about: the sender writes a
-- booking's confirmation itself from the booking (its subject and body are empty until
-- then), so the booking's transaction only adds this row.
ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'other';
ALTER TABLE outbox ADD COLUMN user_id INTEGER REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE outbox ADD COLUMN booking_id INTEGER REFERENCES bookings (id) ON DELETE SET NULL;
ALTER TABLE outbox ADD COLUMN html_body TEXT;

-- Messages written before the sender existed were sent in their request, or never: none
-- is sent now, days late.
UPDATE outbox SET status = 'failed', due_at = created_at,
    last_error = 'written before the outbox had a sender';

CREATE INDEX outbox_due ON outbox (due_at) WHERE status IN ('pending', 'sending');
