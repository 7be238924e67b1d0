-- Failed logins by e-mail, so that password guessing is slowed down across every
-- instance of the server (nothing kept in process memory).

CREATE TABLE login_failures (
    id        INTEGER PRIMARY KEY,
    email     TEXT    NOT NULL,
    failed_at INTEGER NOT NULL
);
CREATE INDEX login_failures_by_email ON login_failures (email, failed_at);
