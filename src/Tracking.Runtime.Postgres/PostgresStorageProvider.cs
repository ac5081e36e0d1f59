using Npgsql;
using Tracking.Runtime.Membership;
using Tracking.Runtime.Persistence;
using Tracking.Runtime.Placement;
using Tracking.Runtime.Reminders;
using Tracking.Runtime.Views;

namespace Tracking.Runtime.Postgres;

/// <summary>The cluster store: PostgreSQL through Npgsql, schema from the versioned migrations in <c>cluster-config/postgres/</c>.</summary>
public sealed class PostgresStorageProvider : IStorageProvider
{
    // Any fixed number: it only has to be the same in every silo applying migrations.
    private const long MigrationLockKey = 0x7472_6163_6B69_6E67;
    private readonly NpgsqlDataSource _dataSource;

    public PostgresStorageProvider(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Description = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}" + (builder.SearchPath is { Length: > 0 } schema ? $" schema {schema}" : "");
        if (builder.MaxAutoPrepare == 0)
        {
            // The runtime sends the same few statements over and over: let Npgsql prepare them.
            builder.MaxAutoPrepare = 32;
        }

        _dataSource = NpgsqlDataSource.Create(builder);
        States = new PostgresGrainStorage(_dataSource);
        Reminders = new PostgresReminderTable(_dataSource);
        Membership = new PostgresMembershipTable(_dataSource);
        Leases = new PostgresLeaseTable(_dataSource);
        Views = new SqlViewStore(
            async ct => await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false),
            new ViewDialect(parameter => $"CAST({parameter} AS jsonb)", $"SELECT pg_advisory_xact_lock({MigrationLockKey})"));
    }

    public string Description { get; }

    public int MaxConcurrentWriteBatches => int.MaxValue;

    public IGrainStorage States { get; }

    public IReminderTable Reminders { get; }

    public IMembershipTable Membership { get; }

    public ILeaseTable Leases { get; }

    public IViewStore Views { get; }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var prepare = new NpgsqlCommand(
            """
            SELECT pg_advisory_xact_lock(@lock);
            CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());
            """,
            connection,
            transaction))
        {
            prepare.Parameters.AddWithValue("lock", MigrationLockKey);
            await prepare.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var applied = new HashSet<int>();
        await using (var read = new NpgsqlCommand("SELECT version FROM schema_migrations", connection, transaction))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        foreach (var script in MigrationScript.LoadEmbedded(typeof(PostgresStorageProvider).Assembly).Where(s => !applied.Contains(s.Version)))
        {
            await using (var apply = new NpgsqlCommand(script.Sql, connection, transaction))
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

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
