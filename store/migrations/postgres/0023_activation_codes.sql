-- Activation codes of digital offers (domain::pro::codes): a partner uploads them to the
-- offer's stock, each booking of that stock takes one, never given twice (the unique
-- booking), never listed twice for a stock. A code may expire (the end of a day in the
-- venue's zone): it is then no longer given. A stock that has codes sells as many as
-- are left: its quantity is the seats booked plus the codes still free.
CREATE TABLE activation_codes (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    stock_id   BIGINT NOT NULL REFERENCES stocks (id),
    code       TEXT    NOT NULL CHECK (length(code) BETWEEN 1 AND 100),
    expires_at BIGINT,
    added_at   BIGINT NOT NULL,
    booking_id BIGINT UNIQUE REFERENCES bookings (id),
    UNIQUE (stock_id, code)
);
CREATE INDEX activation_codes_free ON activation_codes (stock_id, id) WHERE booking_id IS NULL;
-- The scheduler's look for codes that expired free.
CREATE INDEX activation_codes_expiring ON activation_codes (expires_at)
    WHERE booking_id IS NULL AND expires_at IS NOT NULL;

-- A digital offer is delivered when booked (its link is on the ticket): its bookings are
-- used from the start and no longer cancellable. Those made before are delivered now
-- (used now: a reimbursement statement already drawn up for a past period stays as it was).
UPDATE bookings SET status = 'used', used_at = CAST(extract(epoch FROM now()) AS BIGINT), cancellation_limit_at = NULL
WHERE status = 'confirmed' AND offer_id IN (SELECT id FROM offers WHERE url IS NOT NULL);
