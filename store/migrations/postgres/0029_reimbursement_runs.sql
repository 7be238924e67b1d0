-- Reimbursement runs (issue 17, part 5). A structure's bank details wait for the team
-- before any payment goes there. A run holds, for each structure paid, the bank details
-- it used and its bookings; a booking is in one line at most (its key), so it is never
-- paid twice (a booking the rules reimburse nothing for has its line at 0 €, settled
-- all the same), and only one run is a draft at a time. The audit log learns of runs.
CREATE TABLE bank_accounts (
    structure_id   BIGINT PRIMARY KEY REFERENCES structures (id),
    holder         TEXT   NOT NULL CHECK (length(holder) BETWEEN 2 AND 140),
    iban           TEXT   NOT NULL CHECK (length(iban) BETWEEN 15 AND 34),
    bic            TEXT   NOT NULL CHECK (length(bic) IN (8, 11)),
    status         TEXT   NOT NULL CHECK (status IN ('pending', 'validated', 'refused')),
    submitted_by   BIGINT NOT NULL REFERENCES users (id),
    submitted_at   BIGINT NOT NULL,
    decided_at     BIGINT,
    refusal_reason TEXT,
    CHECK ((status = 'pending') = (decided_at IS NULL)),
    CHECK ((status = 'refused') = (refusal_reason IS NOT NULL))
);
CREATE INDEX bank_accounts_pending ON bank_accounts (submitted_at) WHERE status = 'pending';

CREATE TABLE reimbursement_runs (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    last_day      TEXT   NOT NULL CHECK (length(last_day) = 10),
    status        TEXT   NOT NULL CHECK (status IN ('draft', 'paid', 'abandoned')),
    payments      BIGINT NOT NULL CHECK (payments > 0),
    total_cents   BIGINT NOT NULL CHECK (total_cents >= 0),
    prepared_by   BIGINT NOT NULL REFERENCES users (id),
    prepared_at   BIGINT NOT NULL,
    closed_at     BIGINT,
    CHECK ((status = 'draft') = (closed_at IS NULL))
);
CREATE UNIQUE INDEX reimbursement_runs_one_draft ON reimbursement_runs (status)
    WHERE status = 'draft';

CREATE TABLE reimbursement_payments (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id           BIGINT NOT NULL REFERENCES reimbursement_runs (id),
    structure_id     BIGINT NOT NULL REFERENCES structures (id),
    holder           TEXT   NOT NULL,
    iban             TEXT   NOT NULL,
    bic              TEXT   NOT NULL,
    amount_cents     BIGINT NOT NULL CHECK (amount_cents >= 0),
    reimbursed_cents BIGINT NOT NULL CHECK (reimbursed_cents BETWEEN 0 AND amount_cents),
    UNIQUE (run_id, structure_id)
);
CREATE INDEX reimbursement_payments_by_structure ON reimbursement_payments (structure_id, id);

CREATE TABLE reimbursement_lines (
    booking_id       BIGINT PRIMARY KEY REFERENCES bookings (id),
    payment_id       BIGINT NOT NULL REFERENCES reimbursement_payments (id),
    amount_cents     BIGINT NOT NULL CHECK (amount_cents >= 0),
    reimbursed_cents BIGINT NOT NULL CHECK (reimbursed_cents BETWEEN 0 AND amount_cents)
);
CREATE INDEX reimbursement_lines_by_payment ON reimbursement_lines (payment_id);
-- What the next run reads: the used bookings, by when.
CREATE INDEX bookings_awaiting_payment ON bookings (used_at) WHERE status = 'used';

ALTER TABLE admin_actions
    DROP CONSTRAINT admin_actions_subject_check,
    ADD CONSTRAINT admin_actions_subject_check
        CHECK (subject IN ('person', 'structure', 'comment', 'offer', 'reimbursement_run', 'credit_policy'));
