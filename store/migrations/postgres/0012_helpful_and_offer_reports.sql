-- Comments people found helpful (the count kept on the comment orders lists), reports
-- on offers, and the reason an administrator gave when withdrawing an offer.

ALTER TABLE comments ADD COLUMN helpful BIGINT NOT NULL DEFAULT 0 CHECK (helpful >= 0);

CREATE TABLE comment_helpful (
    comment_id BIGINT NOT NULL REFERENCES comments (id),
    user_id    BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (comment_id, user_id)
);
CREATE INDEX comment_helpful_by_user ON comment_helpful (user_id, created_at);

CREATE TABLE offer_reports (
    offer_id    BIGINT NOT NULL REFERENCES offers (id),
    reporter_id BIGINT NOT NULL REFERENCES users (id),
    reason      TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
    created_at  BIGINT NOT NULL,
    -- Set when an administrator kept or withdrew the offer.
    settled_at  BIGINT,
    PRIMARY KEY (offer_id, reporter_id)
);
CREATE INDEX offer_reports_open ON offer_reports (offer_id, created_at) WHERE settled_at IS NULL;

ALTER TABLE offers ADD COLUMN rejection_reason TEXT;
