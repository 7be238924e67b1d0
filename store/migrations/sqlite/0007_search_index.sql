-- The search index: one row per offer a young person can find right now (published, of a
-- validated structure, with a stock that can still be booked), denormalised from offers,
-- venues and stocks so that search, "near me" and the map read one table, through a
-- spatial index (R*Tree), a full-text index (FTS5, accents and case folded) and per-cell
-- counts for the map's clusters. The store keeps it current: rows are only ever deleted
-- and re-inserted (never updated) by the repository when an offer, a stock or its seats
-- change, and the triggers below keep the three indexes in step.

CREATE TABLE offer_search (
    offer_id          INTEGER PRIMARY KEY REFERENCES offers (id),
    venue_id          INTEGER NOT NULL REFERENCES venues (id),
    latitude          REAL,
    longitude         REAL,
    subcategory       TEXT    NOT NULL,
    title             TEXT    NOT NULL,
    artist            TEXT    NOT NULL,
    description       TEXT    NOT NULL,
    venue_name        TEXT    NOT NULL,
    city              TEXT    NOT NULL,
    postal_code       TEXT    NOT NULL,
    is_duo            BOOLEAN NOT NULL,
    is_digital        BOOLEAN NOT NULL,
    audio_accessible  BOOLEAN NOT NULL,
    mental_accessible BOOLEAN NOT NULL,
    motor_accessible  BOOLEAN NOT NULL,
    visual_accessible BOOLEAN NOT NULL,
    min_price_cents   INTEGER NOT NULL CHECK (min_price_cents >= 0),
    next_begins_at    INTEGER,
    bookable_until    INTEGER NOT NULL,
    created_at        INTEGER NOT NULL,
    CHECK ((latitude IS NULL) = (longitude IS NULL))
);
CREATE INDEX offer_search_by_venue ON offer_search (venue_id);
-- Sorts "everywhere" read in index order (ties by offer_id, the rowid) and stop at a page;
-- things (no date) sort after every event.
CREATE INDEX offer_search_by_date ON offer_search (COALESCE(next_begins_at, 253402300799));
CREATE INDEX offer_search_by_price ON offer_search (min_price_cents);
CREATE INDEX offer_search_by_creation ON offer_search (created_at);
CREATE INDEX offer_search_by_closing ON offer_search (bookable_until);

CREATE VIRTUAL TABLE offer_search_position USING rtree (
    offer_id, min_latitude, max_latitude, min_longitude, max_longitude
);

CREATE VIRTUAL TABLE offer_search_text USING fts5 (
    title, artist, venue_name, city, description,
    content = 'offer_search', content_rowid = 'offer_id',
    tokenize = 'unicode61 remove_diacritics 2'
);

-- Grid levels counted for the map (domain::cluster: level = zoom + 3, up to 14).
CREATE TABLE cluster_levels (level INTEGER PRIMARY KEY);
INSERT INTO cluster_levels (level)
VALUES (3), (4), (5), (6), (7), (8), (9), (10), (11), (12), (13), (14);

-- Cell (x, y) at level L: x = floor((longitude + 180) * 2^L / 360),
-- y = floor((latitude + 90) * 2^L / 250), as domain::cluster::cell computes it.
CREATE TABLE offer_cells (
    level         INTEGER NOT NULL,
    x             INTEGER NOT NULL,
    y             INTEGER NOT NULL,
    offers        INTEGER NOT NULL CHECK (offers >= 0),
    latitude_sum  REAL    NOT NULL,
    longitude_sum REAL    NOT NULL,
    PRIMARY KEY (level, x, y)
) WITHOUT ROWID;

CREATE TRIGGER offer_search_added AFTER INSERT ON offer_search BEGIN
    INSERT INTO offer_search_text (rowid, title, artist, venue_name, city, description)
    VALUES (new.offer_id, new.title, new.artist, new.venue_name, new.city, new.description);
    INSERT INTO offer_search_position
    SELECT new.offer_id, new.latitude, new.latitude, new.longitude, new.longitude
    WHERE new.latitude IS NOT NULL;
    INSERT INTO offer_cells (level, x, y, offers, latitude_sum, longitude_sum)
    SELECT level,
           CAST((new.longitude + 180) * (1 << level) / 360 AS INTEGER),
           CAST((new.latitude + 90) * (1 << level) / 250 AS INTEGER),
           1, new.latitude, new.longitude
    FROM cluster_levels WHERE new.latitude IS NOT NULL
    ON CONFLICT (level, x, y) DO UPDATE SET
        offers = offers + 1,
        latitude_sum = latitude_sum + excluded.latitude_sum,
        longitude_sum = longitude_sum + excluded.longitude_sum;
END;

CREATE TRIGGER offer_search_removed AFTER DELETE ON offer_search BEGIN
    INSERT INTO offer_search_text (offer_search_text, rowid, title, artist, venue_name, city, description)
    VALUES ('delete', old.offer_id, old.title, old.artist, old.venue_name, old.city, old.description);
    DELETE FROM offer_search_position WHERE offer_id = old.offer_id;
    UPDATE offer_cells SET
        offers = offers - 1,
        latitude_sum = latitude_sum - old.latitude,
        longitude_sum = longitude_sum - old.longitude
    WHERE old.latitude IS NOT NULL AND (level, x, y) IN (
        SELECT level,
               CAST((old.longitude + 180) * (1 << level) / 360 AS INTEGER),
               CAST((old.latitude + 90) * (1 << level) / 250 AS INTEGER)
        FROM cluster_levels
    );
END;

CREATE TRIGGER offer_search_is_never_updated BEFORE UPDATE ON offer_search BEGIN
    SELECT RAISE(ABORT, 'offer_search rows are deleted and re-inserted, never updated');
END;

-- Index what is already there.
INSERT INTO offer_search (
    offer_id, venue_id, latitude, longitude, subcategory, title, artist, description,
    venue_name, city, postal_code, is_duo, is_digital, audio_accessible, mental_accessible,
    motor_accessible, visual_accessible, min_price_cents, next_begins_at, bookable_until, created_at
)
SELECT o.id, v.id, v.latitude, v.longitude, o.subcategory, o.title, COALESCE(o.artist, ''),
       o.description, v.name, v.city, v.postal_code, o.is_duo, (o.url IS NOT NULL OR v.is_virtual),
       o.audio_accessible, o.mental_accessible, o.motor_accessible, o.visual_accessible,
       MIN(s.price_cents), MIN(s.begins_at),
       MAX(COALESCE(s.booking_limit_at, s.begins_at, 253402300799)), o.created_at
FROM offers o
JOIN venues v ON v.id = o.venue_id
JOIN structures st ON st.id = v.structure_id
JOIN stocks s ON s.offer_id = o.id
WHERE st.status = 'validated' AND o.status = 'published' AND s.is_deleted = FALSE
  AND (s.quantity IS NULL OR s.booked < s.quantity)
  AND COALESCE(s.booking_limit_at, s.begins_at, 253402300799) > CAST(strftime('%s', 'now') AS INTEGER)
GROUP BY o.id, v.id;
