using Microsoft.Data.Sqlite;
using Tracking.Storage.Migrations;
using Tracking.Storage.Persistence;
using Tracking.Storage.Reminders;
using Tracking.Storage.Views;

namespace Tracking.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file under the data directory, for a single silo with no
/// database server. WAL journal with full sync, so a committed write survives a crash.
/// </summary>
public sealed class SqliteStore : ITrackingStore
{
    public const string Engine = "sqlite";
    public const string FileName = "tracking.db";
    private readonly SqliteDatabase _database;

    public SqliteStore(string dataDirectory)
    {
        DataDirectory = Path.GetFullPath(dataDirectory);
        _database = new SqliteDatabase(Path.Combine(DataDirectory, FileName));
        Grains = new SqliteGrainStore(_database);
        Reminders = new SqliteReminderRows(_database);
        Views = new SqlViewStore(async ct => await _database.OpenAsync(ct).ConfigureAwait(false), new ViewDialect(parameter => parameter, null, null));
    }

    public string DataDirectory { get; }

    public string Description => $"SQLite {Path.Combine(DataDirectory, FileName)}";

    public bool IsShared => false;

    /// <summary>The name under which Orleans' ADO.NET providers load Microsoft.Data.Sqlite.</summary>
    public string AdoNetInvariant => "System.Data.SQLite";

    public string AdoNetConnectionString => _database.ConnectionString;

    public int MaxConcurrentWriteBatches => 1;

    public bool KeepsEveryState => true;

    public IGrainStore Grains { get; }

    public IViewStore Views { get; }

    public IReminderRows Reminders { get; }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(DataDirectory);
            await MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new StorageUnavailableException($"{Description} cannot be opened: {ex.Message}", ex);
        }
    }

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM schema_migrations";
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open; release them so the directory can be moved or deleted.
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var wal = connection.CreateCommand())
        {
            // 16 KiB pages keep a state of up to about 4 KB on its row's page: with SQLite's 4 KiB, a
            // taxpayer with candidates (1-3 KB) went on to an overflow page, and a sweep's recording
            // took 13 s, not 8 (loadtests/README.md, "Writes in key order"). A file made
            // before keeps its pages: SQLite takes a page size only before the first table.
            wal.CommandText = "PRAGMA page_size=16384; PRAGMA journal_mode=WAL; CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL);";
            await wal.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // An immediate transaction takes the write lock first, so two processes opening the same
        // fresh file do not both apply a migration.
        await using var transaction = connection.BeginTransaction(deferred: false);
        var applied = new Dictionary<int, string>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT version, name FROM schema_migrations";
            await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                applied.Add(reader.GetInt32(0), reader.GetString(1));
            }
        }

        foreach (var script in SchemaHistory.Pending(MigrationScript.For(Engine), applied, Description))
        {
            await using var apply = connection.CreateCommand();
            apply.CommandText = script.Sql + "; INSERT INTO schema_migrations (version, name, applied_at) VALUES ($version, $name, $at);";
            apply.Parameters.AddWithValue("$version", script.Version);
            apply.Parameters.AddWithValue("$name", script.Name);
            apply.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            await apply.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
