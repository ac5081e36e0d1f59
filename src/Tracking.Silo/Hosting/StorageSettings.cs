using Tracking.Storage;
using Tracking.Storage.Postgres;
using Tracking.Storage.Sqlite;

namespace Tracking.Silo.Hosting;

/// <summary>Where an installation keeps its grains: an embedded SQLite file under a data directory (the default), or PostgreSQL.</summary>
public sealed record StorageSettings(string DataDirectory, string? PostgresConnectionString)
{
    /// <summary>The data directory a first run uses when none is given.</summary>
    public const string DefaultDataDirectory = "data";

    public ITrackingStore CreateStore() =>
        PostgresConnectionString is { Length: > 0 } connectionString
            ? new PostgresStore(connectionString)
            : new SqliteStore(DataDirectory);
}
