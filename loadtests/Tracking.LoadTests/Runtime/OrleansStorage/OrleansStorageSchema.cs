using Microsoft.Data.Sqlite;
using Npgsql;
using Tracking.Storage;
using Tracking.Storage.Postgres;
using Tracking.Storage.Sqlite;

namespace Tracking.LoadTests;

/// <summary>The table and queries of Orleans' ADO.NET grain storage, which Tracking's schema does not have, put on a store for the benchmark.</summary>
internal static class OrleansStorageSchema
{
    public static async Task ApplyAsync(ITrackingStore store)
    {
        // Our migrations first: on PostgreSQL they make the OrleansQuery table the provider reads its SQL from.
        await store.InitializeAsync(CancellationToken.None);
        var engine = store switch
        {
            PostgresStore => "postgres",
            SqliteStore => "sqlite",
            _ => throw new ArgumentException($"No Orleans grain storage schema for {store.Description}", nameof(store)),
        };
        using var reader = new StreamReader(typeof(OrleansStorageSchema).Assembly.GetManifestResourceStream($"orleans-storage/{engine}.sql")!);
        var sql = await reader.ReadToEndAsync();
        if (engine == "postgres")
        {
            await using var dataSource = NpgsqlDataSource.Create(store.AdoNetConnectionString);
            await using var command = dataSource.CreateCommand(sql);
            await command.ExecuteNonQueryAsync();
        }
        else
        {
            await using var connection = new SqliteConnection(store.AdoNetConnectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }
    }
}
