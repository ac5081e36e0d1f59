-- Read models: rows a grain keeps with its state (owner = the grain), replaced in the same
-- transaction as the state they are derived from, and records appended on their own (owner '').
-- The application's list indexes on doc fields are created by the silo from its view definitions.
CREATE TABLE grain_views (
    view        text  NOT NULL,
    view_key    text  NOT NULL,
    owner_type  text  NOT NULL,
    owner_key   text  NOT NULL,
    doc         jsonb NOT NULL,
    PRIMARY KEY (view, view_key)
);
CREATE INDEX grain_views_owner ON grain_views (owner_type, owner_key);
