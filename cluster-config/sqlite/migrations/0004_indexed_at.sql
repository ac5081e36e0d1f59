-- When the fields other records are matched on last changed (the sweep's match index files only
-- the records changed since its last run): the grain's tag of those fields, and the store's clock
-- (Unix milliseconds, UTC) when it last differed. Rows written before carry neither: their next
-- write with a tag stamps them, and a store's first sweep after it files everything.
ALTER TABLE grain_state ADD COLUMN indexed_tag INTEGER;
ALTER TABLE grain_state ADD COLUMN indexed_at INTEGER NOT NULL DEFAULT 0;
