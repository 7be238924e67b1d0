-- The team's outbox page reads the messages to one address, newest first, a page at a
-- time ("did this person get the link?").
CREATE INDEX outbox_by_recipient ON outbox (recipient, id);
