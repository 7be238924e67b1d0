-- Web Push on the installed app. Each device a person turned notifications on for is a
-- subscription (the push service's endpoint and the keys that encrypt for it), removed
-- when the push service says it is gone or its session ends. The server signs its pushes with one VAPID key
-- shared by every instance: the one from the configuration, else one made once and kept
-- here. A notification of the centre (outbox rows of its kinds) is pushed once
-- (`pushed_at`); those written before this migration are not news any more.
CREATE TABLE push_subscriptions (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- The session it was turned on in: signing out (or any end of that session) turns
    -- the device off, so a shared browser never receives the previous person's news.
    session_id TEXT    NOT NULL REFERENCES sessions (id_hash) ON DELETE CASCADE,
    endpoint   TEXT    NOT NULL UNIQUE CHECK (length(endpoint) BETWEEN 1 AND 2000),
    p256dh     TEXT    NOT NULL CHECK (length(p256dh) BETWEEN 1 AND 200),
    auth       TEXT    NOT NULL CHECK (length(auth) BETWEEN 1 AND 100),
    created_at BIGINT NOT NULL
);
CREATE INDEX push_subscriptions_by_user ON push_subscriptions (user_id);
CREATE INDEX push_subscriptions_by_session ON push_subscriptions (session_id);

CREATE TABLE vapid_keys (
    id          BIGINT PRIMARY KEY CHECK (id = 1),
    private_key TEXT    NOT NULL,
    created_at  BIGINT NOT NULL
);

ALTER TABLE outbox ADD COLUMN pushed_at BIGINT;
UPDATE outbox SET pushed_at = created_at;
CREATE INDEX outbox_to_push ON outbox (created_at) WHERE pushed_at IS NULL;
