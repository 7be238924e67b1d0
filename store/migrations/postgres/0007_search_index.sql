-- The search index: one row per offer a young person can find right now (published, of a
-- validated structure, with a stock that can still be booked), denormalised from offers,
-- venues and stocks so that search, "near me" and the map read one table, through a
-- spatial index (GiST on points), a full-text index (French configuration, accents
-- folded by unaccent) and per-cell counts for the map's clusters. The store keeps it
-- current: rows are only ever deleted and re-inserted (never updated) by the repository
-- when an offer, a stock or its seats change, and the triggers below keep the derived
-- parts in step.

CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE TABLE offer_search (
    offer_id          BIGINT  PRIMARY KEY REFERENCES offers (id),
    venue_id          BIGINT  NOT NULL REFERENCES venues (id),
    latitude          DOUBLE PRECISION,
    longitude         DOUBLE PRECISION,
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
    min_price_cents   BIGINT  NOT NULL CHECK (min_price_cents >= 0),
    next_begins_at    BIGINT,
    bookable_until    BIGINT  NOT NULL,
    created_at        BIGINT  NOT NULL,
    document          TSVECTOR,
    CHECK ((latitude IS NULL) = (longitude IS NULL))
);
CREATE INDEX offer_search_by_venue ON offer_search (venue_id);
-- Sorts "everywhere" read in index order and stop at a page; things (no date) sort
-- after every event.
CREATE INDEX offer_search_by_date ON offer_search ((COALESCE(next_begins_at, 253402300799)), offer_id);
CREATE INDEX offer_search_by_price ON offer_search (min_price_cents, offer_id);
CREATE INDEX offer_search_by_creation ON offer_search (created_at, offer_id);
CREATE INDEX offer_search_by_closing ON offer_search (bookable_until);
CREATE INDEX offer_search_position ON offer_search USING gist (point(longitude, latitude));
CREATE INDEX offer_search_text ON offer_search USING gin (document);

-- Grid levels counted for the map (domain::cluster: level = zoom + 3, up to 14).
CREATE TABLE cluster_levels (level INTEGER PRIMARY KEY);
INSERT INTO cluster_levels (level)
VALUES (3), (4), (5), (6), (7), (8), (9), (10), (11), (12), (13), (14);

-- Cell (x, y) at level L: x = floor((longitude + 180) * 2^L / 360),
-- y = floor((latitude + 90) * 2^L / 250), as domain::cluster::cell computes it.
CREATE TABLE offer_cells (
    level         INTEGER NOT NULL,
    x             BIGINT  NOT NULL,
    y             BIGINT  NOT NULL,
    offers        BIGINT  NOT NULL CHECK (offers >= 0),
    latitude_sum  DOUBLE PRECISION NOT NULL,
    longitude_sum DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (level, x, y)
);

CREATE FUNCTION offer_search_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.document :=
        setweight(to_tsvector('french', unaccent(NEW.title)), 'A') ||
        setweight(to_tsvector('french', unaccent(NEW.artist || ' ' || NEW.venue_name)), 'B') ||
        setweight(to_tsvector('french', unaccent(NEW.city || ' ' || NEW.description)), 'C');
    RETURN NEW;
END $$;

CREATE FUNCTION offer_search_cells() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' AND NEW.latitude IS NOT NULL THEN
        INSERT INTO offer_cells (level, x, y, offers, latitude_sum, longitude_sum)
        SELECT level,
               floor((NEW.longitude + 180) * (1 << level) / 360)::bigint,
               floor((NEW.latitude + 90) * (1 << level) / 250)::bigint,
               1, NEW.latitude, NEW.longitude
        FROM cluster_levels
        ON CONFLICT (level, x, y) DO UPDATE SET
            offers = offer_cells.offers + 1,
            latitude_sum = offer_cells.latitude_sum + excluded.latitude_sum,
            longitude_sum = offer_cells.longitude_sum + excluded.longitude_sum;
    ELSIF TG_OP = 'DELETE' AND OLD.latitude IS NOT NULL THEN
        UPDATE offer_cells c SET
            offers = c.offers - 1,
            latitude_sum = c.latitude_sum - OLD.latitude,
            longitude_sum = c.longitude_sum - OLD.longitude
        FROM cluster_levels l
        WHERE c.level = l.level
          AND c.x = floor((OLD.longitude + 180) * (1 << l.level) / 360)::bigint
          AND c.y = floor((OLD.latitude + 90) * (1 << l.level) / 250)::bigint;
    ELSIF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'offer_search rows are deleted and re-inserted, never updated';
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER offer_search_document BEFORE INSERT ON offer_search
FOR EACH ROW EXECUTE FUNCTION offer_search_document();
CREATE TRIGGER offer_search_cells AFTER INSERT OR DELETE OR UPDATE ON offer_search
FOR EACH ROW EXECUTE FUNCTION offer_search_cells();

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
  AND COALESCE(s.booking_limit_at, s.begins_at, 253402300799) > extract(epoch FROM now())::bigint
GROUP BY o.id, v.id;
