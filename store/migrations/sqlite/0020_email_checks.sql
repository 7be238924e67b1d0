-- Verified addresses. A new account's address is verified by a link mailed to it (one
-- use, 24 hours, only its SHA-256 kept); so is a new address, which replaces the old one
-- only when its link is opened (`email` is the address the link proves). Accounts made
-- before verification existed keep working: their address is taken as verified from
-- their sign-up.
ALTER TABLE users ADD COLUMN email_verified_at INTEGER;
UPDATE users SET email_verified_at = created_at;

CREATE TABLE email_checks (
    token_hash TEXT    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    email      TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);
CREATE INDEX email_checks_by_user ON email_checks (user_id);
