using Microsoft.Data.Sqlite;
using Npgsql;
using Tracking.Silo.Hosting;
using Tracking.Storage;
using Tracking.Storage.Sqlite;

namespace Tracking.TestingHost;

/// <summary>
/// A store of its own for one test: a fresh SQLite directory, or a fresh schema in the throw-away
/// PostgreSQL server that <c>./test.sh</c> starts. Each silo started on it opens it anew.
/// </summary>
public sealed class TestStorage : IAsyncDisposable
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary>The environment variable <c>./test.sh</c> sets to its PostgreSQL server's connection string.</summary>
    public const string PostgresVariable = "TRACKING_TEST_POSTGRES";

    private TestStorage(string kind, StorageSettings settings)
    {
        Kind = kind;
        Settings = settings;
    }

    public string Kind { get; }

    /// <summary>Where the store is, as a silo host is given it.</summary>
    public StorageSettings Settings { get; }

    /// <summary>The store's connection string (PostgreSQL stores only), for silos started as processes.</summary>
    public string ConnectionString => Settings.PostgresConnectionString ?? throw new InvalidOperationException("Only a PostgreSQL store has a connection string.");

    public static async Task<TestStorage> CreateAsync(string kind)
    {
        switch (kind)
        {
            case Sqlite:
                return new TestStorage(kind, new StorageSettings(Path.Combine(Path.GetTempPath(), "tracking-test-" + Guid.NewGuid().ToString("N")), null));
            case Postgres:
                var schema = "t_" + Guid.NewGuid().ToString("N");
                await using (var connection = new NpgsqlConnection(ServerConnectionString()))
                {
                    await connection.OpenAsync();
                    await using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
                    await create.ExecuteNonQueryAsync();
                }

                return new TestStorage(kind, new StorageSettings("", new NpgsqlConnectionStringBuilder(ServerConnectionString()) { SearchPath = schema }.ToString()));
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown storage kind.");
        }
    }

    /// <summary>The test server's connection string; fails clearly when tests are run without <c>./test.sh</c>.</summary>
    public static string ServerConnectionString() =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{PostgresVariable} is not set: run the tests with ./test.sh, which starts a throw-away PostgreSQL server.");

    public ITrackingStore CreateStore() => Settings.CreateStore();

    /// <summary>A new connection to this store with its schema brought up to date.</summary>
    public async Task<ITrackingStore> OpenStoreAsync()
    {
        var store = CreateStore();
        await store.InitializeAsync(default);
        return store;
    }

    /// <summary>Counts the rows a query returns, for tests that check what was committed.</summary>
    public async Task<long> CountAsync(string sql) => Convert.ToInt64(await ScalarAsync($"SELECT count(*) FROM ({sql}) AS counted"), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Runs raw SQL against the store, for tests that must reach past the grains (plant a row, try to rewrite history).</summary>
    public async Task<int> ExecuteSqlAsync(string sql)
    {
        if (Kind == Sqlite)
        {
            await using var connection = await OpenSqliteAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return await command.ExecuteNonQueryAsync();
        }

        await using var pg = new NpgsqlConnection(ConnectionString);
        await pg.OpenAsync();
        await using var pgCommand = new NpgsqlCommand(sql, pg);
        return await pgCommand.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Kind == Sqlite)
        {
            if (Directory.Exists(Settings.DataDirectory))
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(Settings.DataDirectory, recursive: true);
            }

            return;
        }

        var schema = new NpgsqlConnectionStringBuilder(ConnectionString).SearchPath;
        await using var connection = new NpgsqlConnection(ServerConnectionString());
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA {schema} CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>How the embedded store's SQLite would run the statement <paramref name="build"/> writes: EXPLAIN QUERY PLAN's lines.</summary>
    public async Task<IReadOnlyList<string>> SqlitePlanAsync(Action<System.Data.Common.DbCommand> build)
    {
        await using var connection = await OpenSqliteAsync();
        await using var command = connection.CreateCommand();
        build(command);
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(3));
        }

        return plan;
    }

    /// <summary>The first column of a query's first row, for tests that read what the store holds or how it is set.</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        if (Kind == Sqlite)
        {
            await using var connection = await OpenSqliteAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return await command.ExecuteScalarAsync();
        }

        await using var pg = new NpgsqlConnection(ConnectionString);
        await pg.OpenAsync();
        await using var pgCommand = new NpgsqlCommand(sql, pg);
        return await pgCommand.ExecuteScalarAsync();
    }

    private async Task<SqliteConnection> OpenSqliteAsync()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(Settings.DataDirectory, SqliteStore.FileName)};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }
}
