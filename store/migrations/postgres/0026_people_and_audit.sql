-- The operator's team (issue 17, parts 3 and 4). A suspension keeps its reason; every
-- administrator action is a row of the audit log, written in the action's own
-- transaction; a credit correction is a movement of the ledger of its own kind, with its
-- reason.
ALTER TABLE users ADD COLUMN suspension_reason TEXT;

CREATE TABLE admin_actions (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    admin_id   BIGINT NOT NULL REFERENCES users (id),
    at         BIGINT NOT NULL,
    action     TEXT   NOT NULL CHECK (action <> ''),
    subject    TEXT   NOT NULL CHECK (subject IN ('person', 'structure', 'comment', 'offer')),
    subject_id BIGINT NOT NULL,
    reason     TEXT   NOT NULL DEFAULT '',
    detail     TEXT   NOT NULL DEFAULT ''
);
CREATE INDEX admin_actions_by_action ON admin_actions (action, id);
CREATE INDEX admin_actions_by_subject ON admin_actions (subject, subject_id, id);

ALTER TABLE credit_movements
    DROP CONSTRAINT credit_movements_kind_check,
    DROP CONSTRAINT credit_movements_check,
    ADD COLUMN note TEXT,
    ADD CONSTRAINT credit_movements_kind_check
        CHECK (kind IN ('grant', 'debit', 'refund', 'correction')),
    ADD CONSTRAINT credit_movements_sign_check
        CHECK (CASE kind WHEN 'correction' THEN amount_cents <> 0 AND note IS NOT NULL
                         ELSE (kind = 'debit') = (amount_cents < 0) AND note IS NULL END);
