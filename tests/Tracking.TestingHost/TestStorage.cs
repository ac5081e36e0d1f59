using Microsoft.Data.Sqlite;
using Npgsql;
using Tracking.Runtime.Persistence;
using Tracking.Runtime.Postgres;
using Tracking.Runtime.Sqlite;

namespace Tracking.TestingHost;

/// <summary>
/// A store of its own for one test: a fresh SQLite directory, or a fresh schema in the throw-away
/// PostgreSQL server that <c>./test.sh</c> starts. Each silo started on it gets a new provider.
/// </summary>
public sealed class TestStorage : IAsyncDisposable
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary>The environment variable <c>./test.sh</c> sets to its PostgreSQL server's connection string.</summary>
    public const string PostgresVariable = "TRACKING_TEST_POSTGRES";

    private readonly string? _directory;
    private readonly string? _connectionString;

    private TestStorage(string kind, string? directory, string? connectionString)
    {
        Kind = kind;
        _directory = directory;
        _connectionString = connectionString;
    }

    public string Kind { get; }

    /// <summary>The store's connection string (PostgreSQL stores only), for silos started as processes.</summary>
    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("Only a PostgreSQL store has a connection string.");

    public static async Task<TestStorage> CreateAsync(string kind)
    {
        switch (kind)
        {
            case Sqlite:
                var directory = Path.Combine(Path.GetTempPath(), "tracking-test-" + Guid.NewGuid().ToString("N"));
                return new TestStorage(kind, directory, null);
            case Postgres:
                var schema = "t_" + Guid.NewGuid().ToString("N");
                await using (var connection = new NpgsqlConnection(ServerConnectionString()))
                {
                    await connection.OpenAsync();
                    await using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
                    await create.ExecuteNonQueryAsync();
                }

                return new TestStorage(kind, null, new NpgsqlConnectionStringBuilder(ServerConnectionString()) { SearchPath = schema }.ToString());
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown storage kind.");
        }
    }

    /// <summary>The test server's connection string; fails clearly when tests are run without <c>./test.sh</c>.</summary>
    public static string ServerConnectionString() =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{PostgresVariable} is not set: run the tests with ./test.sh, which starts a throw-away PostgreSQL server.");

    /// <summary>A new provider on this store with its schema brought up to date.</summary>
    public async Task<IStorageProvider> OpenProviderAsync()
    {
        var provider = CreateProvider();
        await provider.InitializeAsync(default);
        return provider;
    }

    public IStorageProvider CreateProvider() => Kind == Sqlite
        ? new SqliteStorageProvider(_directory!)
        : new PostgresStorageProvider(_connectionString!);

    /// <summary>Counts the rows a query returns (PostgreSQL stores only), for tests that check what was committed.</summary>
    public async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString ?? throw new InvalidOperationException("Counting rows is for PostgreSQL stores."));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM ({sql}) AS counted", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Runs raw SQL against the store, for tests that must reach past the runtime (plant a row, try to rewrite history).</summary>
    public async Task<int> ExecuteSqlAsync(string sql)
    {
        if (Kind == Sqlite)
        {
            await using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory!, SqliteStorageProvider.FileName)};Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return await command.ExecuteNonQueryAsync();
        }

        await using var pg = new NpgsqlConnection(_connectionString);
        await pg.OpenAsync();
        await using var pgCommand = new NpgsqlCommand(sql, pg);
        return await pgCommand.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_directory is not null && Directory.Exists(_directory))
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }

        if (_connectionString is not null)
        {
            var schema = new NpgsqlConnectionStringBuilder(_connectionString).SearchPath;
            await using var connection = new NpgsqlConnection(ServerConnectionString());
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA {schema} CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
