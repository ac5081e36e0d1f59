using Tracking.Runtime.Persistence;
using Tracking.Runtime.Postgres;
using Tracking.Runtime.Sqlite;

namespace Tracking.Silo.Hosting;

/// <summary>Where a silo keeps its grains: an embedded SQLite file under a data directory (the default), or PostgreSQL.</summary>
public sealed record StorageSettings(string DataDirectory, string? PostgresConnectionString)
{
    /// <summary>The data directory a first run uses when none is given.</summary>
    public const string DefaultDataDirectory = "data";

    public IStorageProvider CreateProvider() =>
        PostgresConnectionString is { Length: > 0 } connectionString
            ? new PostgresStorageProvider(connectionString)
            : new SqliteStorageProvider(DataDirectory);
}
