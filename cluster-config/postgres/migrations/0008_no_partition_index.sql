-- Nothing reads grain_state by partition: the column is there to shard on (cluster-config/README.md),
-- which needs no index. The index cost every state written an entry more (333,333 states inserted
-- in 1.27-1.36 s without it against 1.62-1.80 s with, in one PostgreSQL 15).
DROP INDEX IF EXISTS grain_state_partition;
