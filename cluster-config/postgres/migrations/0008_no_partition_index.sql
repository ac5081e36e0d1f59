-- Nothing reads grain_state by partition: the column is there to shard on (cluster-config/README.md),
-- which needs no index. The index cost every state written an entry more (loadtests/README.md,
-- "Files made out on every core", the partition's index).
DROP INDEX IF EXISTS grain_state_partition;
