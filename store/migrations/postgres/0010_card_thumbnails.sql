-- Offer cards show the thumbnail of the offer's image: its address is kept on the offer
-- and copied into the search index with the rest of the card.
ALTER TABLE offers ADD COLUMN thumbnail_url TEXT;
ALTER TABLE offer_search ADD COLUMN thumbnail_url TEXT;
