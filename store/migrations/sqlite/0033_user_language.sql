-- The language a person chose for the pages and their mails (a tag of one of the
-- app's languages: `fr`, `en`); none until they choose, the request's then applying.
-- No CHECK on the tags: adding a language is adding a file to the app, not a migration.
ALTER TABLE users ADD COLUMN language TEXT;
