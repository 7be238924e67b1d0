-- An offer's image, decoded and resized by the server when uploaded: a large version
-- for the offer page and a thumbnail for lists, both JPEG. Kept in the database so that
-- every server instance serves them (nothing on a local disk).
CREATE TABLE offer_images (
    offer_id   BIGINT PRIMARY KEY REFERENCES offers (id),
    large      BYTEA NOT NULL,
    thumbnail  BYTEA NOT NULL,
    width      BIGINT NOT NULL CHECK (width > 0),
    height     BIGINT NOT NULL CHECK (height > 0),
    updated_at BIGINT NOT NULL
);
