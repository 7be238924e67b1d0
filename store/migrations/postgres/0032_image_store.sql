-- Where the bytes of an offer's image are: in the row (the default) or in the object
-- store the server is configured with, the row then keeping only its size and version.
ALTER TABLE offer_images ADD COLUMN stored_in TEXT NOT NULL DEFAULT 'database'
    CHECK (stored_in IN ('database', 'objects'));
