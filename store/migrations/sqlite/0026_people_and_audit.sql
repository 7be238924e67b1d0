-- The operator's team (issue 17, parts 3 and 4). A suspension keeps its reason; every
-- administrator action is a row of the audit log, written in the action's own
-- transaction; a credit correction is a movement of the ledger of its own kind, with its
-- reason. SQLite cannot change a CHECK in place: the ledger is copied into a table with
-- the new one (nothing references it), then its indexes are made again.
ALTER TABLE users ADD COLUMN suspension_reason TEXT;

CREATE TABLE admin_actions (
    id         INTEGER PRIMARY KEY,
    admin_id   INTEGER NOT NULL REFERENCES users (id),
    at         INTEGER NOT NULL,
    action     TEXT    NOT NULL CHECK (action <> ''),
    subject    TEXT    NOT NULL CHECK (subject IN ('person', 'structure', 'comment', 'offer')),
    subject_id INTEGER NOT NULL,
    reason     TEXT    NOT NULL DEFAULT '',
    detail     TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX admin_actions_by_action ON admin_actions (action, id);
CREATE INDEX admin_actions_by_subject ON admin_actions (subject, subject_id, id);

CREATE TABLE credit_movements_corrected (
    id           INTEGER PRIMARY KEY,
    deposit_id   INTEGER NOT NULL REFERENCES deposits (id),
    booking_id   INTEGER REFERENCES bookings (id),
    kind         TEXT    NOT NULL CHECK (kind IN ('grant', 'debit', 'refund', 'correction')),
    amount_cents INTEGER NOT NULL,
    created_at   INTEGER NOT NULL,
    grant_age    INTEGER
        CHECK (grant_age IS NULL OR (kind = 'grant' AND grant_age BETWEEN 0 AND 150)),
    note         TEXT,
    CHECK (CASE kind WHEN 'correction' THEN amount_cents <> 0 AND note IS NOT NULL
                     ELSE (kind = 'debit') = (amount_cents < 0) AND note IS NULL END)
);
INSERT INTO credit_movements_corrected
    (id, deposit_id, booking_id, kind, amount_cents, created_at, grant_age)
SELECT id, deposit_id, booking_id, kind, amount_cents, created_at, grant_age
FROM credit_movements;
DROP TABLE credit_movements;
ALTER TABLE credit_movements_corrected RENAME TO credit_movements;
CREATE INDEX credit_movements_by_deposit ON credit_movements (deposit_id);
CREATE UNIQUE INDEX grants_once_per_band ON credit_movements (deposit_id, grant_age)
    WHERE grant_age IS NOT NULL;
