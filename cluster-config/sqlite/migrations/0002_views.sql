-- Read models, the same shape as PostgreSQL's: rows a grain keeps with its state, replaced in the
-- same transaction, and records appended on their own (owner '').
CREATE TABLE grain_views (
    view        TEXT NOT NULL,
    view_key    TEXT NOT NULL,
    owner_type  TEXT NOT NULL,
    owner_key   TEXT NOT NULL,
    doc         TEXT NOT NULL,
    PRIMARY KEY (view, view_key)
) WITHOUT ROWID;
CREATE INDEX grain_views_owner ON grain_views (owner_type, owner_key);
