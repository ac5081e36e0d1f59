-- Orleans' ADO.NET grain storage (Microsoft.Orleans.Persistence.AdoNet 10.4.2) on PostgreSQL, under
-- the invariant "Npgsql": the table and the SQL the provider runs, from its query contract. Not
-- part of Tracking's schema (its grains keep state, history and read models in one transaction,
-- with group commit): the durable-writes benchmark applies it to measure ours against Orleans' own
-- provider. It can be applied again.
--
-- A grain is its service, its state's type name and its key as the provider splits it: a Guid
-- key as two bigints, an integer key as the second, a string key as text (with a key's extension
-- in the text too). Those are compared exactly, so the provider's hashes of them are not needed
-- to find a row; the grain's hash is kept as the shard column, as every table here has one.
-- The version is the ETag: a write or clear succeeds only from the version the activation read.
-- There is no DeleteStorageKey, so DeleteStateOnClear stays off: a cleared grain keeps its row and
-- version, and a stale activation's write after the clear is refused like any other.

CREATE TABLE IF NOT EXISTS orleans_storage (
    service_id  text    NOT NULL,
    grain_type  text    NOT NULL,
    grain_n0    bigint  NOT NULL,
    grain_n1    bigint  NOT NULL,
    grain_key   text    NOT NULL,
    grain_hash  integer NOT NULL,
    payload     bytea   NULL,
    version     integer NOT NULL CHECK (version > 0),
    PRIMARY KEY (service_id, grain_type, grain_n0, grain_n1, grain_key)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- No row for a grain never written; a cleared grain's row has no payload but keeps its version.
('ReadFromStorageKey', $q$
SELECT payload AS PayloadBinary, version AS Version
FROM orleans_storage
WHERE service_id = @ServiceId AND grain_type = @GrainTypeString AND grain_n0 = @GrainIdN0 AND grain_n1 = @GrainIdN1
  AND grain_key = coalesce(@GrainIdExtensionString, '')
$q$),

-- Without a version, only a grain with no row yet is written (version 1); with one, only a row
-- still at it (version + 1). The new version comes back; no row back is a conflict.
('WriteToStorageKey', $q$
WITH inserted AS (
    INSERT INTO orleans_storage (service_id, grain_type, grain_n0, grain_n1, grain_key, grain_hash, payload, version)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, coalesce(@GrainIdExtensionString, ''), @GrainIdHash, @PayloadBinary, 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version),
updated AS (
    UPDATE orleans_storage
    SET payload = @PayloadBinary, version = version + 1
    WHERE service_id = @ServiceId AND grain_type = @GrainTypeString AND grain_n0 = @GrainIdN0 AND grain_n1 = @GrainIdN1
      AND grain_key = coalesce(@GrainIdExtensionString, '') AND version = @GrainStateVersion
    RETURNING version)
SELECT version AS NewGrainStateVersion FROM inserted
UNION ALL
SELECT version FROM updated
$q$),

-- Clears the payload from the version read; the row stays, so the version keeps counting.
('ClearStorageKey', $q$
UPDATE orleans_storage
SET payload = NULL, version = version + 1
WHERE service_id = @ServiceId AND grain_type = @GrainTypeString AND grain_n0 = @GrainIdN0 AND grain_n1 = @GrainIdN1
  AND grain_key = coalesce(@GrainIdExtensionString, '') AND version = @GrainStateVersion
RETURNING version AS NewGrainStateVersion
$q$)
ON CONFLICT (QueryKey) DO NOTHING;
