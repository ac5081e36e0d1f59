using Npgsql;
using Tracking.Storage.Postgres;
using Tracking.TestingHost;

namespace Tracking.Storage.Tests;

/// <summary>A migration that takes longer than the connection's command timeout (as rewriting a national store's tables does) is waited for.</summary>
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
        await reader.OpenAsync();
        await using var reading = await reader.BeginTransactionAsync();
        await using (var hold = new NpgsqlCommand("LOCK TABLE grain_state IN ACCESS SHARE MODE", reader, reading))
        {
            await hold.ExecuteNonQueryAsync();
        }

        var application = $"migrating-{Guid.NewGuid():N}";
        await using var store = new PostgresStore(new NpgsqlConnectionStringBuilder(storage.ConnectionString) { CommandTimeout = 1, ApplicationName = application }.ToString());
        var migrating = store.InitializeAsync(CancellationToken.None);
        while (await storage.CountAsync($"SELECT 1 FROM pg_stat_activity WHERE application_name = '{application}' AND wait_event_type = 'Lock'") == 0)
        {
            Assert.False(migrating.IsCompleted, "the migration ended before it waited for the lock");
            await Task.Delay(20);
        }

        // Held past the command timeout of 1 s, then let go.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.False(migrating.IsCompleted, "the migration gave up while held up");
        await reading.CommitAsync();
        await migrating;

        Assert.Equal(1, await storage.CountAsync("SELECT 1 FROM schema_migrations WHERE version = 9"));
        Assert.Equal(2, await storage.CountAsync("""
            SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND data_type = 'text'
              AND (table_name, column_name) IN (('grain_events', 'payload'), ('grain_state', 'state'))
            """));
    }
}
