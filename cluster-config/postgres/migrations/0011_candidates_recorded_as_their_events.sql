-- A grain stored without its state (a record created in bulk, 0010) stays so when a sweep records
-- its candidates beside it: the change is appended as its events and the version moves on, and the
-- state is what all its events make, until its grain writes one. So a NULL state no longer means
-- version 1. A build from before this migration read only a creation's events for such a row, and
-- would have read it without its candidates: it refuses this store instead (schema_migrations).
ALTER TABLE grain_state DROP CONSTRAINT grain_state_written_or_created;
