-- Identity checks that turn an account into a beneficiary: submitted at sign-up,
-- decided by a provider (at once for the demo one, by an administrator for the
-- built-in review).

CREATE TABLE identity_checks (
    user_id      BIGINT  PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    status       TEXT    NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    submitted_at BIGINT  NOT NULL,
    decided_at   BIGINT,
    decided_by   BIGINT  REFERENCES users (id),
    CHECK ((status = 'pending') = (decided_at IS NULL))
);
CREATE INDEX identity_checks_pending ON identity_checks (status, submitted_at);
