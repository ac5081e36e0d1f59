-- Grain states and events are kept as the grains wrote them (json: checked, stored as text), not
-- parsed into jsonb. Nothing queries inside an event, and a state only for the few fields a sweep
-- files its index by, which json answers as fast; parsing every write into jsonb, and printing it
-- back on every read, was most of the store's work in an import (2.6 s against 1.2 s for 333,333
-- states, 3.7 s against 2.3 s for 710,613 events, measured in one PostgreSQL 15). Read models
-- (grain_views) stay jsonb: lists filter and sort on their fields through indexes.
ALTER TABLE grain_state ALTER COLUMN state TYPE json USING state::json;
ALTER TABLE grain_events ALTER COLUMN payload TYPE json USING payload::json;
