-- Tracking's grains on the embedded (single-silo) store, the same shape as PostgreSQL's: state,
-- append-only history and read models, written together in one transaction. Times are Unix
-- milliseconds (UTC).

CREATE TABLE grain_state (
    partition   INTEGER NOT NULL,
    grain_type  TEXT    NOT NULL,
    grain_key   TEXT    NOT NULL,
    version     INTEGER NOT NULL CHECK (version > 0),
    state       TEXT    NOT NULL,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (grain_type, grain_key)
) WITHOUT ROWID;
CREATE INDEX grain_state_partition ON grain_state (partition);

CREATE TABLE grain_events (
    partition   INTEGER NOT NULL,
    grain_type  TEXT    NOT NULL,
    grain_key   TEXT    NOT NULL,
    version     INTEGER NOT NULL,
    idx         INTEGER NOT NULL,
    event_type  TEXT    NOT NULL,
    payload     TEXT    NOT NULL,
    recorded_at INTEGER NOT NULL,
    PRIMARY KEY (grain_type, grain_key, version, idx)
) WITHOUT ROWID;

CREATE TRIGGER grain_events_no_update BEFORE UPDATE ON grain_events
BEGIN SELECT RAISE(ABORT, 'grain_events is append-only: UPDATE is not allowed'); END;
CREATE TRIGGER grain_events_no_delete BEFORE DELETE ON grain_events
BEGIN SELECT RAISE(ABORT, 'grain_events is append-only: DELETE is not allowed'); END;

CREATE TABLE grain_views (
    view        TEXT NOT NULL,
    view_key    TEXT NOT NULL,
    owner_type  TEXT NOT NULL,
    owner_key   TEXT NOT NULL,
    doc         TEXT NOT NULL,
    PRIMARY KEY (view, view_key)
) WITHOUT ROWID;
CREATE INDEX grain_views_owner ON grain_views (owner_type, owner_key);
