-- Each reminder about a booking (the event is tomorrow, collect it before it expires, the
-- window to cancel closes) is queued once: schedulers of several instances may try at the
-- same minute, the second insert does nothing.
CREATE UNIQUE INDEX outbox_one_reminder ON outbox (kind, booking_id)
    WHERE kind IN ('event_tomorrow', 'collect_before_expiry', 'cancellation_closing');
