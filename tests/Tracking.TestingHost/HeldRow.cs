using Npgsql;

namespace Tracking.TestingHost;

/// <summary>
/// A grain's stored row locked by an open transaction on PostgreSQL: a write to it waits until the
/// hold is let go, so a test can stop a piece of work at a point it chooses, however fast the
/// machine runs it. A waiting write of a process killed meanwhile still commits once let go (the
/// server does not notice the lost client while the statement waits): a write whose
/// acknowledgement was lost, which the system must bear as well.
/// </summary>
public sealed class HeldRow : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private bool _letGo;

    private HeldRow(NpgsqlConnection connection, NpgsqlTransaction transaction) => (_connection, _transaction) = (connection, transaction);

    public static async Task<HeldRow> HoldAsync(string connectionString, string grainType, string grainKey)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync();
            var transaction = await connection.BeginTransactionAsync();
            await using var command = new NpgsqlCommand("SELECT count(*) FROM (SELECT 1 FROM grain_state WHERE grain_type = @type AND grain_key = @key FOR UPDATE) AS held", connection, transaction);
            command.Parameters.AddWithValue("type", grainType);
            command.Parameters.AddWithValue("key", grainKey);
            return (long)(await command.ExecuteScalarAsync())! > 0
                ? new HeldRow(connection, transaction)
                : throw new InvalidOperationException($"No stored {grainType} {grainKey} to hold.");
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>How many sessions wait for the row now.</summary>
    public async Task<long> WaitingAsync()
    {
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE pg_backend_pid() = ANY(pg_blocking_pids(pid))", _connection, _transaction);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Lets the row go: the writes that waited go on. Once; letting go again does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_letGo)
        {
            return;
        }

        _letGo = true;
        try
        {
            await _transaction.RollbackAsync();
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }
}
