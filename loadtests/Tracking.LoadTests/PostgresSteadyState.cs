using Npgsql;

namespace Tracking.LoadTests;

/// <summary>
/// Brings a throw-away PostgreSQL server to the state of one that has served a while, which is what
/// the benchmarks measure. A server that has checkpointed reuses the 16 MB files of WAL it no longer
/// needs; a fresh one creates each file anew, writing zeros through it while every commit waits
/// (about 50 ms on this machine, once a second or two at the rate the benchmarks write: that was
/// the case reads' p99 on 2026-12-05, 38–40 ms). A server writing at these rates reaches its
/// <c>max_wal_size</c> between checkpoints and recycles as much at each.
/// </summary>
internal static class PostgresSteadyState
{
    /// <summary>Writes <c>max_wal_size</c> of WAL (messages, no table) and checkpoints, so that the server holds as many files for reuse.</summary>
    public static Task PrepareAsync(string connectionString) => ExecuteAsync(connectionString, """
        SELECT count(pg_logical_emit_message(false, 'tracking-benchmark', repeat('x', 1048576)))
        FROM generate_series(1, (SELECT setting::int FROM pg_settings WHERE name = 'max_wal_size' AND unit = 'MB'));
        CHECKPOINT
        """);

    /// <summary>
    /// Before a measurement: autovacuum's work on <paramref name="table"/> (statistics within a minute
    /// of a bulk load; without them a count over a fresh view scans the whole table) and the
    /// checkpointer's (every five minutes, or each <c>max_wal_size</c>), so that the WAL written since is reused.
    /// </summary>
    public static Task AnalyzeAndCheckpointAsync(string connectionString, string table) =>
        ExecuteAsync(connectionString, $"ANALYZE {table}; CHECKPOINT");

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }
}
