-- Digital offers are found from anywhere: a search around a place adds them to the
-- places in its circle (store/src/search.rs), through this small index.
CREATE INDEX offer_search_digital ON offer_search (offer_id) WHERE is_digital = TRUE;
