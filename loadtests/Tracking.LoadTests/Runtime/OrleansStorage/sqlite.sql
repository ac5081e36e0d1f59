-- Orleans' ADO.NET grain storage (Microsoft.Orleans.Persistence.AdoNet 10.4.2) on the embedded
-- store, under the invariant "System.Data.SQLite" (served by Microsoft.Data.Sqlite), as on
-- PostgreSQL (postgres.sql beside this): a grain is its service, its state's type name and its key
-- as the provider splits it, compared exactly; the version is the ETag. Each statement is atomic
-- on its own, so nothing is left half done; no DeleteStorageKey, so DeleteStateOnClear stays off.
-- Not part of Tracking's schema; it can be applied again.

-- Unquoted, so that the provider's "SELECT QueryKey, QueryText FROM OrleansQuery" finds it.
CREATE TABLE IF NOT EXISTS OrleansQuery (
    QueryKey  TEXT PRIMARY KEY,
    QueryText TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS orleans_storage (
    service_id  TEXT    NOT NULL,
    grain_type  TEXT    NOT NULL,
    grain_n0    INTEGER NOT NULL,
    grain_n1    INTEGER NOT NULL,
    grain_key   TEXT    NOT NULL,
    grain_hash  INTEGER NOT NULL,
    payload     BLOB    NULL,
    version     INTEGER NOT NULL CHECK (version > 0),
    PRIMARY KEY (service_id, grain_type, grain_n0, grain_n1, grain_key)
) WITHOUT ROWID;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey',
'SELECT payload AS PayloadBinary, version AS Version
FROM orleans_storage
WHERE service_id = @ServiceId AND grain_type = @GrainTypeString AND grain_n0 = @GrainIdN0 AND grain_n1 = @GrainIdN1
  AND grain_key = coalesce(@GrainIdExtensionString, '''')'),

-- At most one of the two statements returns a row: the insert when the grain had no version
-- (only if it has no row yet), the update when it had one (only if the row is still at it).
('WriteToStorageKey',
'INSERT INTO orleans_storage (service_id, grain_type, grain_n0, grain_n1, grain_key, grain_hash, payload, version)
SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, coalesce(@GrainIdExtensionString, ''''), @GrainIdHash, @PayloadBinary, 1
WHERE @GrainStateVersion IS NULL
ON CONFLICT DO NOTHING
RETURNING version AS NewGrainStateVersion;
UPDATE orleans_storage
SET payload = @PayloadBinary, version = version + 1
WHERE service_id = @ServiceId AND grain_type = @GrainTypeString AND grain_n0 = @GrainIdN0 AND grain_n1 = @GrainIdN1
  AND grain_key = coalesce(@GrainIdExtensionString, '''') AND version = @GrainStateVersion
RETURNING version AS NewGrainStateVersion;'),

('ClearStorageKey',
'UPDATE orleans_storage
SET payload = NULL, version = version + 1
WHERE service_id = @ServiceId AND grain_type = @GrainTypeString AND grain_n0 = @GrainIdN0 AND grain_n1 = @GrainIdN1
  AND grain_key = coalesce(@GrainIdExtensionString, '''') AND version = @GrainStateVersion
RETURNING version AS NewGrainStateVersion')
ON CONFLICT (QueryKey) DO NOTHING;
