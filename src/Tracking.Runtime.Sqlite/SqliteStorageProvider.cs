using Microsoft.Data.Sqlite;
using Tracking.Runtime.Persistence;
using Tracking.Runtime.Reminders;
using Tracking.Runtime.Views;

namespace Tracking.Runtime.Sqlite;

/// <summary>
/// The embedded store: one SQLite file under the data directory, for a single silo with no
/// database server. WAL journal with full sync, so a committed write survives a crash.
/// </summary>
public sealed class SqliteStorageProvider : IStorageProvider
{
    public const string FileName = "tracking.db";
    private readonly SqliteDatabase _database;

    public SqliteStorageProvider(string dataDirectory)
    {
        DataDirectory = Path.GetFullPath(dataDirectory);
        _database = new SqliteDatabase(Path.Combine(DataDirectory, FileName));
        States = new SqliteGrainStorage(_database);
        Reminders = new SqliteReminderTable(_database);
        Views = new SqlViewStore(async ct => await _database.OpenAsync(ct).ConfigureAwait(false), new ViewDialect(parameter => parameter, null));
    }

    public string DataDirectory { get; }

    public string Description => $"SQLite {Path.Combine(DataDirectory, FileName)}";

    public int MaxConcurrentWriteBatches => 1;

    public IGrainStorage States { get; }

    public IReminderTable Reminders { get; }

    public IViewStore Views { get; }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(DataDirectory);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL);";
            await wal.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // An immediate transaction takes the write lock first, so two processes opening the same
        // fresh file do not both apply a migration.
        await using var transaction = connection.BeginTransaction(deferred: false);
        var applied = new HashSet<long>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT version FROM schema_migrations";
            await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                applied.Add(reader.GetInt64(0));
            }
        }

        foreach (var script in MigrationScript.LoadEmbedded(typeof(SqliteStorageProvider).Assembly).Where(s => !applied.Contains(s.Version)))
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

    public ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open; release them so the directory can be moved or deleted.
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }
}
