-- A taxpayer or account created by a bulk import is kept as the events that created it (its
-- grain_events at version 1), without a copy of the state they make: its state is NULL until its
-- first change writes one, and its grain makes the state from those events meanwhile. Only a
-- creation may leave its state out; a build from before this migration would have read such a row
-- as a state, so it refuses this store instead (schema_migrations). The check reads every row once.
ALTER TABLE grain_state
    ALTER COLUMN state DROP NOT NULL,
    ADD CONSTRAINT grain_state_written_or_created CHECK (state IS NOT NULL OR version = 1);
