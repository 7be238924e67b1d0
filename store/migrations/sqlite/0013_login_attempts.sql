-- Login attempts counted atomically, one row per counter (an address from a client, or
-- a client), in a fixed window: one statement adds an attempt and returns the count, so
-- parallel attempts cannot all read "below the limit" before any of them writes.
-- Replaces the failure log, which was read and written in separate steps.

DROP TABLE login_failures;

CREATE TABLE login_attempts (
    counter      TEXT    PRIMARY KEY,
    window_start INTEGER NOT NULL,
    attempts     INTEGER NOT NULL CHECK (attempts >= 0)
);
CREATE INDEX login_attempts_by_window ON login_attempts (window_start);
CREATE INDEX password_resets_by_expiry ON password_resets (expires_at);
