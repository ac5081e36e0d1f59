-- Tracking's grains: state, append-only history and read models, written together in one
-- transaction (DESIGN §2, guarantee 4). Every table carries the grain's partition (a stable hash
-- of its identity) so the store can be sharded by it (e.g. Citus, distributing on "partition").

CREATE TABLE grain_state (
    partition   integer     NOT NULL,
    grain_type  text        NOT NULL,
    grain_key   text        NOT NULL,
    version     bigint      NOT NULL CHECK (version > 0),
    state       jsonb       NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (grain_type, grain_key)
);
CREATE INDEX grain_state_partition ON grain_state (partition);

-- The events a state version was written with, in the same transaction; never changed after.
CREATE TABLE grain_events (
    partition   integer     NOT NULL,
    grain_type  text        NOT NULL,
    grain_key   text        NOT NULL,
    version     bigint      NOT NULL,
    idx         integer     NOT NULL,
    event_type  text        NOT NULL,
    payload     jsonb       NOT NULL,
    recorded_at timestamptz NOT NULL,
    PRIMARY KEY (grain_type, grain_key, version, idx)
);

CREATE FUNCTION grain_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'grain_events is append-only: % is not allowed', TG_OP;
END;
$$;
CREATE TRIGGER grain_events_append_only
    BEFORE UPDATE OR DELETE ON grain_events
    FOR EACH ROW EXECUTE FUNCTION grain_events_append_only();
CREATE TRIGGER grain_events_no_truncate
    BEFORE TRUNCATE ON grain_events
    FOR EACH STATEMENT EXECUTE FUNCTION grain_events_append_only();

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
