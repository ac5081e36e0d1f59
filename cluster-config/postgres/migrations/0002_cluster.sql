-- Cluster membership and partition leases (DESIGN §2, guarantees 3 and 4). Every state write,
-- event append and reminder change of a cluster silo checks its lease row in the same
-- transaction, so a silo that lost a partition can no longer commit anything for it.

-- The partition count is fixed for the life of a cluster's data: the first silo records it and
-- every later one must agree.
CREATE TABLE cluster_settings (
    singleton       boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    partition_count integer NOT NULL CHECK (partition_count > 0)
);

CREATE TABLE silos (
    silo_id      text        PRIMARY KEY,
    address      text        NOT NULL,
    status       text        NOT NULL CHECK (status IN ('active', 'draining', 'stopping', 'left')),
    started_at   timestamptz NOT NULL DEFAULT now(),
    heartbeat_at timestamptz NOT NULL DEFAULT now(),
    activations  integer     NOT NULL DEFAULT 0
);

-- One row per partition. A claim moves the owner and increments the epoch; expiry is judged by
-- the database's clock only, so silos' clocks never have to agree.
CREATE TABLE partition_leases (
    partition  integer     PRIMARY KEY,
    owner      text        NULL,
    epoch      bigint      NOT NULL DEFAULT 0,
    expires_at timestamptz NOT NULL DEFAULT 'epoch'
);
