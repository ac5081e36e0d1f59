-- Nothing reads grain_state by partition: the column is there to shard on (cluster-config/README.md),
-- which needs no index. The index cost every state written an entry more.
DROP INDEX IF EXISTS grain_state_partition;
