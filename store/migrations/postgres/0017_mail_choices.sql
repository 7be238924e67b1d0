-- What each person chose to receive, per kind of message (no row: by mail), and the key
-- that the one-click unsubscribe links of their mails carry. The key only lets its holder
-- stop a kind of mail (it opens nothing else), so it is kept as it is sent: each mail
-- names the same key, and a person's mails keep working after the next is sent.
CREATE TABLE mail_choices (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('mail', 'off')),
    PRIMARY KEY (user_id, kind)
);

CREATE TABLE mail_keys (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    key TEXT NOT NULL UNIQUE
);
