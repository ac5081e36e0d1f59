-- Grain runtime tables. Every table carries the grain's partition so the store can later be
-- sharded by it (e.g. Citus, distributing on "partition").

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

-- Append-only history: the events a state version was written with, in the same transaction.
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

CREATE TABLE reminders (
    partition   integer     NOT NULL,
    grain_type  text        NOT NULL,
    grain_key   text        NOT NULL,
    name        text        NOT NULL,
    due_at      timestamptz NOT NULL,
    period_ms   bigint      NULL CHECK (period_ms > 0),
    PRIMARY KEY (grain_type, grain_key, name)
);
CREATE INDEX reminders_due ON reminders (due_at);
