-- States and events are kept as text. The json type only checked every one written for valid JSON,
-- and every one is written by Tracking's own serializer: the check was most of the cost of storing
-- a state (333,333 states inserted in 2.40-3.01 s as json against 1.44-1.67 s as text, measured in
-- one PostgreSQL 15; loadtests/README.md, "States and events stored as text"). Nothing in the store
-- reads inside either; a query that must can still cast (state::jsonb).
ALTER TABLE grain_state ALTER COLUMN state TYPE text;
ALTER TABLE grain_events ALTER COLUMN payload TYPE text;
