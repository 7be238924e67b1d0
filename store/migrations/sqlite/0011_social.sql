-- The social side: comments on offers and venues (with one partner reply each),
-- reports and the moderation status derived from them by domain::social::moderation,
-- reactions on offers, venues followed, suspended authors.

ALTER TABLE users ADD COLUMN suspended_at INTEGER;

CREATE TABLE comments (
    id            INTEGER PRIMARY KEY,
    author_id     INTEGER NOT NULL REFERENCES users (id),
    offer_id      INTEGER REFERENCES offers (id),
    venue_id      INTEGER REFERENCES venues (id),
    -- A partner's answer to a comment (then offer_id/venue_id repeat the parent's).
    reply_to      INTEGER REFERENCES comments (id),
    body          TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 1000),
    rating        INTEGER CHECK (rating BETWEEN 1 AND 5),
    flagged       BOOLEAN NOT NULL DEFAULT FALSE,
    decision      TEXT CHECK (decision IN ('approved', 'hidden')),
    reports_since_decision INTEGER NOT NULL DEFAULT 0 CHECK (reports_since_decision >= 0),
    status        TEXT NOT NULL CHECK (status IN ('visible', 'pending', 'hidden')),
    created_at    INTEGER NOT NULL,
    edited_at     INTEGER,
    deleted_at    INTEGER,
    CHECK ((offer_id IS NULL) <> (venue_id IS NULL)),
    CHECK (reply_to IS NULL OR rating IS NULL)
);
CREATE INDEX comments_of_offer ON comments (offer_id, status, created_at) WHERE offer_id IS NOT NULL;
CREATE INDEX comments_of_venue ON comments (venue_id, status, created_at) WHERE venue_id IS NOT NULL;
CREATE INDEX comments_by_author ON comments (author_id, created_at);
CREATE INDEX comments_to_review ON comments (created_at) WHERE status = 'pending';
CREATE UNIQUE INDEX comments_one_reply ON comments (reply_to) WHERE reply_to IS NOT NULL AND deleted_at IS NULL;

CREATE TABLE comment_reports (
    comment_id  INTEGER NOT NULL REFERENCES comments (id),
    reporter_id INTEGER NOT NULL REFERENCES users (id),
    reason      TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (comment_id, reporter_id)
);

CREATE TABLE reactions (
    user_id    INTEGER NOT NULL REFERENCES users (id),
    offer_id   INTEGER NOT NULL REFERENCES offers (id),
    kind       TEXT NOT NULL CHECK (kind IN ('like', 'want')),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, offer_id, kind)
);
CREATE INDEX reactions_of_offer ON reactions (offer_id, kind);
CREATE INDEX reactions_by_user ON reactions (user_id, created_at);

CREATE TABLE venue_follows (
    user_id    INTEGER NOT NULL REFERENCES users (id),
    venue_id   INTEGER NOT NULL REFERENCES venues (id),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, venue_id)
);
CREATE INDEX venue_follows_of_venue ON venue_follows (venue_id);
