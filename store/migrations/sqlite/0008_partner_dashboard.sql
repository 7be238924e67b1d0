-- The partner dashboard: what a venue tells the young (withdrawal, contact,
-- accessibility) and why it has no SIRET; an offer's booking contact and publication
-- date; price categories of events; invitations of colleagues to a structure; who
-- decided on a structure. Indexes serve the dashboard's lists, export and statement.

ALTER TABLE venues ADD COLUMN siret_missing_reason TEXT;
ALTER TABLE venues ADD COLUMN withdrawal_details TEXT;
ALTER TABLE venues ADD COLUMN contact_email TEXT;
ALTER TABLE venues ADD COLUMN audio_accessible BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE venues ADD COLUMN mental_accessible BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE venues ADD COLUMN motor_accessible BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE venues ADD COLUMN visual_accessible BOOLEAN NOT NULL DEFAULT FALSE;

ALTER TABLE offers ADD COLUMN booking_contact TEXT;
-- Hidden from the young until then (NULL: as soon as published).
ALTER TABLE offers ADD COLUMN publish_at INTEGER;
CREATE INDEX offers_by_publication ON offers (publish_at) WHERE publish_at IS NOT NULL;

CREATE TABLE price_categories (
    id          INTEGER PRIMARY KEY,
    offer_id    INTEGER NOT NULL REFERENCES offers (id),
    label       TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 50),
    price_cents INTEGER NOT NULL CHECK (price_cents BETWEEN 0 AND 30000),
    UNIQUE (offer_id, label)
);

ALTER TABLE stocks ADD COLUMN price_category_id INTEGER REFERENCES price_categories (id);

ALTER TABLE structures ADD COLUMN decided_by INTEGER REFERENCES users (id);
ALTER TABLE structures ADD COLUMN decided_at INTEGER;
CREATE INDEX structures_pending ON structures (created_at) WHERE status = 'pending';

CREATE TABLE structure_invitations (
    token_hash   TEXT PRIMARY KEY,
    structure_id INTEGER NOT NULL REFERENCES structures (id),
    email        TEXT NOT NULL,
    invited_by   INTEGER NOT NULL REFERENCES users (id),
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    accepted_by  INTEGER REFERENCES users (id),
    accepted_at  INTEGER
);
CREATE INDEX structure_invitations_by_structure ON structure_invitations (structure_id);

-- The bookings table and export (newest first per offer) and the statement (used
-- bookings per offer in a period).
CREATE INDEX bookings_by_offer_and_date ON bookings (offer_id, booked_at);
CREATE INDEX bookings_used_by_offer ON bookings (offer_id, used_at) WHERE used_at IS NOT NULL;
