-- Credit at each birthday. A grant movement records the highest age band it covers
-- (`grant_age`), and a band is granted once per person (the index); `upcoming_grants`
-- says when to look at a person again (at once after their identity is approved, then
-- at their next band's birthday, at their local midnight) and when they were approved
-- (`checked_at`: what they were owed then). A grant made before this migration covered
-- every band up to the person's age on that day (the UTC date). Everyone whose identity
-- was approved is looked at once, now: the minors waiting for their first band receive
-- it, no one receives what the rules refused at their approval.
ALTER TABLE credit_movements ADD COLUMN grant_age INTEGER
    CHECK (grant_age IS NULL OR (kind = 'grant' AND grant_age BETWEEN 0 AND 150));
UPDATE credit_movements SET grant_age = (
    SELECT CAST(strftime('%Y', credit_movements.created_at, 'unixepoch') AS INTEGER)
           - CAST(substr(u.birth_date, 1, 4) AS INTEGER)
           - (strftime('%m-%d', credit_movements.created_at, 'unixepoch') < substr(u.birth_date, 6, 5))
    FROM deposits d JOIN users u ON u.id = d.user_id
    WHERE d.id = credit_movements.deposit_id AND u.birth_date IS NOT NULL)
WHERE kind = 'grant';
CREATE UNIQUE INDEX grants_once_per_band ON credit_movements (deposit_id, grant_age)
    WHERE grant_age IS NOT NULL;

CREATE TABLE upcoming_grants (
    user_id    INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    due_at     INTEGER NOT NULL,
    checked_at INTEGER NOT NULL
);
CREATE INDEX upcoming_grants_by_due ON upcoming_grants (due_at);
INSERT INTO upcoming_grants (user_id, due_at, checked_at)
SELECT c.user_id, 0, c.decided_at FROM identity_checks c JOIN users u ON u.id = c.user_id
WHERE c.status = 'approved' AND u.role = 'young' AND u.birth_date IS NOT NULL;
