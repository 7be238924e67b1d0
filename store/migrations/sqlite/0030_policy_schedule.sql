-- Credit policies as live data (issue 17, part 1): a version comes into force at
-- `starts_at` (NULL for a preset stored but never scheduled) unless the team took it back
-- before (`cancelled_at`; the row stays, so neither its id nor its number is given
-- again), and may apply only to some départements (a JSON array of codes; NULL for
-- everywhere). For a person, the version in force is the latest started one that applies
-- where they live.
ALTER TABLE credit_policies ADD COLUMN starts_at INTEGER;
ALTER TABLE credit_policies ADD COLUMN cancelled_at INTEGER;
ALTER TABLE credit_policies ADD COLUMN departements TEXT;
CREATE INDEX credit_policies_by_start ON credit_policies (starts_at, id)
    WHERE starts_at IS NOT NULL AND cancelled_at IS NULL;
-- How many deposits each version granted (the schedule's page), without a scan.
CREATE INDEX deposits_by_policy ON deposits (policy_id);
