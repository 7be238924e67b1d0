-- Credit at each birthday. A grant movement records the highest age band it covers
-- (`grant_age`), and a band is granted once per person (the index); `upcoming_grants`
-- says when to look at a person again (at once after their identity is approved, then
-- at their next band's birthday, at their local midnight) and when they were approved
-- (`checked_at`: what they were owed then). A grant made before this migration covered
-- every band up to the person's age on that day (the UTC date). Everyone whose identity
-- was approved is looked at once, now: the minors waiting for their first band receive
-- it, no one receives what the rules refused at their approval.
ALTER TABLE credit_movements ADD COLUMN grant_age BIGINT
    CHECK (grant_age IS NULL OR (kind = 'grant' AND grant_age BETWEEN 0 AND 150));
UPDATE credit_movements m SET grant_age = date_part('year',
    age((to_timestamp(m.created_at) AT TIME ZONE 'UTC')::date, u.birth_date::date))::bigint
FROM deposits d JOIN users u ON u.id = d.user_id
WHERE d.id = m.deposit_id AND m.kind = 'grant' AND u.birth_date IS NOT NULL;
CREATE UNIQUE INDEX grants_once_per_band ON credit_movements (deposit_id, grant_age)
    WHERE grant_age IS NOT NULL;

CREATE TABLE upcoming_grants (
    user_id    BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    due_at     BIGINT NOT NULL,
    checked_at BIGINT NOT NULL
);
CREATE INDEX upcoming_grants_by_due ON upcoming_grants (due_at);
INSERT INTO upcoming_grants (user_id, due_at, checked_at)
SELECT c.user_id, 0, c.decided_at FROM identity_checks c JOIN users u ON u.id = c.user_id
WHERE c.status = 'approved' AND u.role = 'young' AND u.birth_date IS NOT NULL;
