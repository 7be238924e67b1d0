-- Offers the team reads before the young can find them (issue 17, part 2): why an offer
-- waits ("en validation": the first offers of a structure, or a watch word), and the
-- reason the team gave one back to its partner (`review_note`, on a draft again until the
-- partner asks again). The queue reads the few waiting offers through a partial index.
ALTER TABLE offers ADD COLUMN review_cause TEXT
    CHECK (review_cause IN ('new_structure', 'watch_word'));
ALTER TABLE offers ADD COLUMN review_note TEXT;
CREATE INDEX offers_in_review ON offers (id) WHERE status = 'pending';
