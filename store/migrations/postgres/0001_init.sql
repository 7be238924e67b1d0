-- The whole data model of the culture pass (PostgreSQL). Timestamps are Unix seconds (UTC),
-- money is in euro cents. Constraints are the safety net under the domain rules.

CREATE TABLE users (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email         TEXT    NOT NULL UNIQUE,
    password_hash TEXT    NOT NULL,
    first_name    TEXT    NOT NULL,
    last_name     TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('young', 'partner', 'admin')),
    birth_date    TEXT,
    departement   TEXT,
    created_at    BIGINT  NOT NULL
);

CREATE TABLE sessions (
    id_hash    TEXT    PRIMARY KEY,
    user_id    BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT  NOT NULL,
    expires_at BIGINT  NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

CREATE TABLE credit_policies (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code               TEXT    NOT NULL,
    version            BIGINT  NOT NULL,
    name               TEXT    NOT NULL,
    grants             TEXT    NOT NULL,
    digital_cap_cents  BIGINT  CHECK (digital_cap_cents >= 0),
    physical_cap_cents BIGINT  CHECK (physical_cap_cents >= 0),
    validity_months    BIGINT  CHECK (validity_months > 0),
    expires_at_age     BIGINT  CHECK (expires_at_age > 0),
    created_at         BIGINT  NOT NULL,
    UNIQUE (code, version),
    CHECK ((validity_months IS NULL) <> (expires_at_age IS NULL))
);

CREATE TABLE deposits (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id       BIGINT  NOT NULL UNIQUE REFERENCES users (id),
    policy_id     BIGINT  NOT NULL REFERENCES credit_policies (id),
    amount_cents  BIGINT  NOT NULL CHECK (amount_cents >= 0),
    balance_cents BIGINT  NOT NULL CHECK (balance_cents >= 0),
    granted_at    BIGINT  NOT NULL,
    expires_at    BIGINT  NOT NULL,
    CHECK (balance_cents <= amount_cents)
);

CREATE TABLE structures (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       TEXT    NOT NULL,
    siren      TEXT    NOT NULL UNIQUE CHECK (length(siren) = 9),
    status     TEXT    NOT NULL CHECK (status IN ('pending', 'validated', 'rejected')),
    created_at BIGINT  NOT NULL
);

CREATE TABLE structure_members (
    structure_id BIGINT  NOT NULL REFERENCES structures (id),
    user_id      BIGINT  NOT NULL REFERENCES users (id),
    PRIMARY KEY (structure_id, user_id)
);
CREATE INDEX structure_members_by_user ON structure_members (user_id);

CREATE TABLE venues (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    structure_id BIGINT  NOT NULL REFERENCES structures (id),
    name         TEXT    NOT NULL,
    siret        TEXT    UNIQUE CHECK (siret IS NULL OR length(siret) = 14),
    venue_type   TEXT    NOT NULL,
    address      TEXT    NOT NULL,
    postal_code  TEXT    NOT NULL,
    city         TEXT    NOT NULL,
    latitude     DOUBLE PRECISION    CHECK (latitude BETWEEN -90 AND 90),
    longitude    DOUBLE PRECISION    CHECK (longitude BETWEEN -180 AND 180),
    is_virtual   BOOLEAN NOT NULL DEFAULT FALSE,
    created_at   BIGINT  NOT NULL,
    CHECK (is_virtual OR (latitude IS NOT NULL AND longitude IS NOT NULL))
);
CREATE INDEX venues_by_structure ON venues (structure_id);
CREATE INDEX venues_by_position ON venues (latitude, longitude);

CREATE TABLE offers (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    venue_id           BIGINT  NOT NULL REFERENCES venues (id),
    subcategory        TEXT    NOT NULL,
    title              TEXT    NOT NULL CHECK (length(title) BETWEEN 1 AND 90),
    description        TEXT    NOT NULL DEFAULT '',
    artist             TEXT,
    image_url          TEXT,
    url                TEXT,
    is_duo             BOOLEAN NOT NULL DEFAULT FALSE,
    withdrawal_details TEXT,
    audio_accessible   BOOLEAN NOT NULL DEFAULT FALSE,
    mental_accessible  BOOLEAN NOT NULL DEFAULT FALSE,
    motor_accessible   BOOLEAN NOT NULL DEFAULT FALSE,
    visual_accessible  BOOLEAN NOT NULL DEFAULT FALSE,
    status             TEXT    NOT NULL CHECK (status IN ('draft', 'pending', 'rejected', 'published', 'paused')),
    created_at         BIGINT  NOT NULL
);
CREATE INDEX offers_by_venue ON offers (venue_id, status);

CREATE TABLE stocks (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    offer_id         BIGINT  NOT NULL REFERENCES offers (id),
    price_cents      BIGINT  NOT NULL CHECK (price_cents BETWEEN 0 AND 30000),
    quantity         BIGINT  CHECK (quantity >= 0),
    booked           BIGINT  NOT NULL DEFAULT 0 CHECK (booked >= 0),
    booking_limit_at BIGINT,
    begins_at        BIGINT,
    is_deleted       BOOLEAN NOT NULL DEFAULT FALSE,
    created_at       BIGINT  NOT NULL,
    CHECK (quantity IS NULL OR booked <= quantity),
    CHECK (begins_at IS NULL OR booking_limit_at IS NULL OR booking_limit_at <= begins_at)
);
CREATE INDEX stocks_by_offer ON stocks (offer_id);

CREATE TABLE bookings (
    id                    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token                 TEXT    NOT NULL UNIQUE CHECK (length(token) = 6),
    user_id               BIGINT  REFERENCES users (id),
    stock_id              BIGINT  NOT NULL REFERENCES stocks (id),
    offer_id              BIGINT  NOT NULL REFERENCES offers (id),
    deposit_id            BIGINT  NOT NULL REFERENCES deposits (id),
    quantity              BIGINT  NOT NULL CHECK (quantity IN (1, 2)),
    amount_cents          BIGINT  NOT NULL CHECK (amount_cents >= 0),
    cap_kind              TEXT    CHECK (cap_kind IN ('digital', 'physical')),
    status                TEXT    NOT NULL CHECK (status IN ('confirmed', 'used', 'cancelled', 'reimbursed')),
    cancellation_reason   TEXT,
    booked_at             BIGINT  NOT NULL,
    cancellation_limit_at BIGINT,
    used_at               BIGINT,
    cancelled_at          BIGINT,
    idempotency_key       TEXT,
    CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
    UNIQUE (user_id, idempotency_key)
);
CREATE UNIQUE INDEX bookings_one_active_per_offer ON bookings (user_id, offer_id) WHERE status = 'confirmed';
CREATE INDEX bookings_by_user ON bookings (user_id, booked_at);
CREATE INDEX bookings_by_offer ON bookings (offer_id);
CREATE INDEX bookings_by_deposit ON bookings (deposit_id);

CREATE TABLE credit_movements (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    deposit_id   BIGINT  NOT NULL REFERENCES deposits (id),
    booking_id   BIGINT  REFERENCES bookings (id),
    kind         TEXT    NOT NULL CHECK (kind IN ('grant', 'debit', 'refund')),
    amount_cents BIGINT  NOT NULL,
    created_at   BIGINT  NOT NULL,
    CHECK ((kind = 'debit') = (amount_cents < 0))
);
CREATE INDEX credit_movements_by_deposit ON credit_movements (deposit_id);
