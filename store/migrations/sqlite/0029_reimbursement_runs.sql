-- Reimbursement runs (issue 17, part 5). A structure's bank details wait for the team
-- before any payment goes there. A run holds, for each structure paid, the bank details
-- it used and its bookings; a booking is in one line at most (its key), so it is never
-- paid twice (a booking the rules reimburse nothing for has its line at 0 €, settled
-- all the same), and only one run is a draft at a time. The audit log learns of runs: SQLite
-- cannot change its CHECK in place, so the log is copied into a table with the new one.
CREATE TABLE bank_accounts (
    structure_id   INTEGER PRIMARY KEY REFERENCES structures (id),
    holder         TEXT    NOT NULL CHECK (length(holder) BETWEEN 2 AND 140),
    iban           TEXT    NOT NULL CHECK (length(iban) BETWEEN 15 AND 34),
    bic            TEXT    NOT NULL CHECK (length(bic) IN (8, 11)),
    status         TEXT    NOT NULL CHECK (status IN ('pending', 'validated', 'refused')),
    submitted_by   INTEGER NOT NULL REFERENCES users (id),
    submitted_at   INTEGER NOT NULL,
    decided_at     INTEGER,
    refusal_reason TEXT,
    CHECK ((status = 'pending') = (decided_at IS NULL)),
    CHECK ((status = 'refused') = (refusal_reason IS NOT NULL))
);
CREATE INDEX bank_accounts_pending ON bank_accounts (submitted_at) WHERE status = 'pending';

CREATE TABLE reimbursement_runs (
    id            INTEGER PRIMARY KEY,
    last_day      TEXT    NOT NULL CHECK (length(last_day) = 10),
    status        TEXT    NOT NULL CHECK (status IN ('draft', 'paid', 'abandoned')),
    payments      INTEGER NOT NULL CHECK (payments > 0),
    total_cents   INTEGER NOT NULL CHECK (total_cents >= 0),
    prepared_by   INTEGER NOT NULL REFERENCES users (id),
    prepared_at   INTEGER NOT NULL,
    closed_at     INTEGER,
    CHECK ((status = 'draft') = (closed_at IS NULL))
);
CREATE UNIQUE INDEX reimbursement_runs_one_draft ON reimbursement_runs (status)
    WHERE status = 'draft';

CREATE TABLE reimbursement_payments (
    id               INTEGER PRIMARY KEY,
    run_id           INTEGER NOT NULL REFERENCES reimbursement_runs (id),
    structure_id     INTEGER NOT NULL REFERENCES structures (id),
    holder           TEXT    NOT NULL,
    iban             TEXT    NOT NULL,
    bic              TEXT    NOT NULL,
    amount_cents     INTEGER NOT NULL CHECK (amount_cents >= 0),
    reimbursed_cents INTEGER NOT NULL CHECK (reimbursed_cents BETWEEN 0 AND amount_cents),
    UNIQUE (run_id, structure_id)
);
CREATE INDEX reimbursement_payments_by_structure ON reimbursement_payments (structure_id, id);

CREATE TABLE reimbursement_lines (
    booking_id       INTEGER PRIMARY KEY REFERENCES bookings (id),
    payment_id       INTEGER NOT NULL REFERENCES reimbursement_payments (id),
    amount_cents     INTEGER NOT NULL CHECK (amount_cents >= 0),
    reimbursed_cents INTEGER NOT NULL CHECK (reimbursed_cents BETWEEN 0 AND amount_cents)
);
CREATE INDEX reimbursement_lines_by_payment ON reimbursement_lines (payment_id);
-- What the next run reads: the used bookings, by when.
CREATE INDEX bookings_awaiting_payment ON bookings (used_at) WHERE status = 'used';

CREATE TABLE admin_actions_with_runs (
    id         INTEGER PRIMARY KEY,
    admin_id   INTEGER NOT NULL REFERENCES users (id),
    at         INTEGER NOT NULL,
    action     TEXT    NOT NULL CHECK (action <> ''),
    subject    TEXT    NOT NULL
        CHECK (subject IN ('person', 'structure', 'comment', 'offer', 'reimbursement_run', 'credit_policy')),
    subject_id INTEGER NOT NULL,
    reason     TEXT    NOT NULL DEFAULT '',
    detail     TEXT    NOT NULL DEFAULT ''
);
INSERT INTO admin_actions_with_runs SELECT id, admin_id, at, action, subject, subject_id, reason, detail
FROM admin_actions;
DROP TABLE admin_actions;
ALTER TABLE admin_actions_with_runs RENAME TO admin_actions;
CREATE INDEX admin_actions_by_action ON admin_actions (action, id);
CREATE INDEX admin_actions_by_subject ON admin_actions (subject, subject_id, id);
