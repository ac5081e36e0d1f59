-- When the fields other records are matched on last changed (the sweep's match index files only
-- the records changed since its last run): the grain's tag of those fields, and the store's own
-- clock when it last differed. Rows written before carry no tag and the time of this migration:
-- their next write with a tag stamps them, and a store's first sweep after it files everything.
ALTER TABLE grain_state
    ADD COLUMN indexed_tag bigint,
    ADD COLUMN indexed_at  timestamptz NOT NULL DEFAULT now();
