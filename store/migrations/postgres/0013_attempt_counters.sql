-- Attempts counted atomically, one row per counter, in a fixed window: logins (of an
-- address from a client, of a client) and link mails to one address. One statement adds
-- an attempt and returns the count, so parallel attempts cannot all read "below the
-- limit" before any of them writes. Replaces the failure log of logins, which was read
-- and written in separate steps.

DROP TABLE login_failures;

CREATE TABLE attempt_counters (
    counter      TEXT   PRIMARY KEY,
    window_start BIGINT NOT NULL,
    attempts     BIGINT NOT NULL CHECK (attempts >= 0)
);
CREATE INDEX attempt_counters_by_window ON attempt_counters (window_start);
CREATE INDEX password_resets_by_expiry ON password_resets (expires_at);
