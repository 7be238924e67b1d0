-- The terms of use and the privacy notice someone accepted (domain::legal): the versions
-- on the account, read with it at every request, and each acceptance kept as proof of
-- when it was given. Accounts older than the texts accepted nothing: they are asked at
-- their next sign-in.
ALTER TABLE users ADD COLUMN terms_version INTEGER CHECK (terms_version > 0);
ALTER TABLE users ADD COLUMN privacy_version INTEGER CHECK (privacy_version > 0);

CREATE TABLE legal_acceptances (
    user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    terms_version   INTEGER NOT NULL CHECK (terms_version > 0),
    privacy_version INTEGER NOT NULL CHECK (privacy_version > 0),
    accepted_at     INTEGER NOT NULL,
    PRIMARY KEY (user_id, terms_version, privacy_version)
);
