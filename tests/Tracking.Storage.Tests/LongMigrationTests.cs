using Npgsql;
using Tracking.Storage.Postgres;
using Tracking.Storage.Views;
using Tracking.TestingHost;

namespace Tracking.Storage.Tests;

/// <summary>
/// A migration, or a read model's index, that takes longer than the connection's command timeout
/// (as rewriting or indexing a national store's tables does, or waiting for another silo's) is waited for.
/// </summary>
public sealed class LongMigrationTests
{
    [Fact]
    public async Task A_migration_held_up_past_the_command_timeout_is_waited_for_and_applied()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Postgres);
        await (await storage.OpenStoreAsync()).DisposeAsync();
        // The store as it was before migration 0009.
        await storage.ExecuteSqlAsync("ALTER TABLE grain_state ALTER COLUMN state TYPE json USING state::json; ALTER TABLE grain_events ALTER COLUMN payload TYPE json USING payload::json; DELETE FROM schema_migrations WHERE version = 9");

        // Another session reading grain_state holds the migration's ALTER TABLE back.
        await using var reader = new NpgsqlConnection(storage.ConnectionString);
        var reading = await LockAsync(reader, "LOCK TABLE grain_state IN ACCESS SHARE MODE");

        await using var store = StoreWithOneSecondTimeout(storage, out var application);
        await HeldPastTheTimeoutAsync(storage, application, store.InitializeAsync(CancellationToken.None), reading);

        Assert.Equal(1, await storage.CountAsync("SELECT 1 FROM schema_migrations WHERE version = 9"));
        Assert.Equal(2, await storage.CountAsync("""
            SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND data_type = 'text'
              AND (table_name, column_name) IN (('grain_events', 'payload'), ('grain_state', 'state'))
            """));
    }

    [Fact]
    public async Task A_read_models_index_held_up_past_the_command_timeout_is_waited_for_and_built()
    {
        await using var storage = await TestStorage.CreateAsync(TestStorage.Postgres);
        await (await storage.OpenStoreAsync()).DisposeAsync();

        // A session writing a view's rows holds the index's build back.
        await using var writer = new NpgsqlConnection(storage.ConnectionString);
        var writing = await LockAsync(writer, "LOCK TABLE grain_views IN ROW EXCLUSIVE MODE");

        await using var store = StoreWithOneSecondTimeout(storage, out var application);
        await store.InitializeAsync(CancellationToken.None);
        await HeldPastTheTimeoutAsync(storage, application, store.Views.EnsureAsync([new ViewDefinition("cases", ViewField.Number("opened"), [])], CancellationToken.None), writing);

        Assert.Equal(1, await storage.CountAsync("SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() AND indexname = 'gvp_cases_by_opened'"));
    }

    /// <summary>Takes a lock in a transaction on <paramref name="connection"/>, held until the transaction ends (or the connection is closed).</summary>
    private static async Task<NpgsqlTransaction> LockAsync(NpgsqlConnection connection, string lockStatement)
    {
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var hold = new NpgsqlCommand(lockStatement, connection, transaction);
        await hold.ExecuteNonQueryAsync();
        return transaction;
    }

    /// <summary>A store of its own whose commands time out after 1 s, and the name its sessions show.</summary>
    private static PostgresStore StoreWithOneSecondTimeout(TestStorage storage, out string application)
    {
        application = $"held-up-{Guid.NewGuid():N}";
        return new PostgresStore(new NpgsqlConnectionStringBuilder(storage.ConnectionString) { CommandTimeout = 1, ApplicationName = application }.ToString());
    }

    /// <summary>Once <paramref name="work"/> waits for the table <paramref name="holding"/> locks, holds it past the timeout, then lets go; the work must then finish.</summary>
    private static async Task HeldPastTheTimeoutAsync(TestStorage storage, string application, Task work, NpgsqlTransaction holding)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        // Waiting on the table's lock, not on the advisory lock another test's store start may hold a moment.
        while (await storage.CountAsync($"SELECT 1 FROM pg_stat_activity WHERE application_name = '{application}' AND wait_event_type = 'Lock' AND wait_event = 'relation'") == 0)
        {
            Assert.False(work.IsCompleted, "the work ended before it waited for the lock");
            Assert.True(watch.Elapsed < TimeSpan.FromMinutes(1), "the work never came to wait for the table");
            await Task.Delay(20);
        }

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.False(work.IsCompleted, "the work gave up while held up");
        await holding.CommitAsync();
        await work;
    }
}
