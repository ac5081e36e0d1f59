using Npgsql;
using Tracking.Storage.Migrations;
using Tracking.Storage.Persistence;
using Tracking.Storage.Reminders;
using Tracking.Storage.Views;

namespace Tracking.Storage.Postgres;

/// <summary>
/// The cluster store: PostgreSQL through Npgsql, shared by every silo and client of a cluster.
/// Its schema comes from the versioned migrations in <c>cluster-config/postgres/migrations/</c>,
/// applied under an advisory lock so that silos starting together take turns.
/// </summary>
public sealed class PostgresStore : ITrackingStore
{
    public const string Engine = "postgres";

    /// <summary>Connections one process opens to the store at most, unless the connection string says otherwise.</summary>
    public const int DefaultMaxPoolSize = 32;

    // Any fixed number: it only has to be the same in every process applying migrations.
    private const long MigrationLockKey = 0x7472_6163_6B69_6E67;
    // A migration that rewrites a national store's tables, or a read model's index built over it,
    // takes minutes (cluster-config/README.md), and a silo starting beside one waits for it: none is
    // cut off by the connection's command timeout (Npgsql's 30 s by default), which would fail the
    // upgrade and keep every silo down.
    private const int NoCommandTimeout = 0;
    private readonly NpgsqlDataSource _dataSource;

    public PostgresStore(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Description = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}" + (builder.SearchPath is { Length: > 0 } schema ? $" schema {schema}" : "");
        AdoNetConnectionString = builder.ToString();
        if (builder.MaxAutoPrepare == 0)
        {
            // The store sends the same few statements over and over: let Npgsql prepare them.
            builder.MaxAutoPrepare = 32;
        }

        if (!connectionString.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase) && !connectionString.Contains("MaxPoolSize", StringComparison.OrdinalIgnoreCase))
        {
            // Batching keeps a silo's own needs to a few connections; a pool of Npgsql's default 100
            // per process would let a few silos exhaust the server. Past this, callers wait their turn.
            builder.MaxPoolSize = DefaultMaxPoolSize;
        }

        _dataSource = NpgsqlDataSource.Create(builder);
        Grains = new PostgresGrainStore(_dataSource);
        Reminders = new PostgresReminderRows(_dataSource);
        Views = new SqlViewStore(
            async ct => await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false),
            new ViewDialect(parameter => $"CAST({parameter} AS jsonb)", $"SELECT pg_advisory_xact_lock({MigrationLockKey})", NoCommandTimeout));
    }

    public string Description { get; }

    public bool IsShared => true;

    public string AdoNetInvariant => "Npgsql";

    public string AdoNetConnectionString { get; }

    public int MaxConcurrentWriteBatches => int.MaxValue;

    public bool KeepsEveryState => false;

    public IGrainStore Grains { get; }

    public IViewStore Views { get; }

    public IReminderRows Reminders { get; }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            throw new StorageUnavailableException($"{Description} is not reachable: {ex.Message}", ex);
        }
    }

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT 1");
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Silos of <paramref name="clusterId"/> that the membership table holds active and that reported being alive within <paramref name="within"/>.</summary>
    public async Task<int> CountLiveSilosAsync(string clusterId, TimeSpan within, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT count(*) FROM orleans_membership WHERE deployment_id = $1 AND status = 3 AND i_am_alive_time > now() - $2");
        command.Parameters.Add(new NpgsqlParameter { Value = clusterId });
        command.Parameters.Add(new NpgsqlParameter { Value = within });
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var prepare = new NpgsqlCommand(
            """
            SELECT pg_advisory_xact_lock(@lock);
            CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());
            """,
            connection,
            transaction) { CommandTimeout = NoCommandTimeout })
        {
            prepare.Parameters.AddWithValue("lock", MigrationLockKey);
            await prepare.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var applied = new Dictionary<int, string>();
        await using (var read = new NpgsqlCommand("SELECT version, name FROM schema_migrations", connection, transaction))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                applied.Add(reader.GetInt32(0), reader.GetString(1));
            }
        }

        foreach (var script in SchemaHistory.Pending(MigrationScript.For(Engine), applied, Description))
        {
            await using (var apply = new NpgsqlCommand(script.Sql, connection, transaction) { CommandTimeout = NoCommandTimeout })
            {
                await apply.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, name) VALUES (@version, @name)", connection, transaction);
            record.Parameters.AddWithValue("version", script.Version);
            record.Parameters.AddWithValue("name", script.Name);
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
