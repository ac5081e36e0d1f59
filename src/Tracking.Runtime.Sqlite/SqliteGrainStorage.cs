using Microsoft.Data.Sqlite;
using Tracking.Runtime.Persistence;

namespace Tracking.Runtime.Sqlite;

internal sealed class SqliteGrainStorage(SqliteDatabase database) : IGrainStorage
{
    private const string InsertState = """
        INSERT INTO grain_state (partition, grain_type, grain_key, version, state, updated_at)
        VALUES ($partition, $type, $key, $version, $state, $at)
        ON CONFLICT (grain_type, grain_key) DO NOTHING
        """;

    private const string UpdateState = """
        UPDATE grain_state SET version = $version, state = $state, updated_at = $at
        WHERE grain_type = $type AND grain_key = $key AND version = $expected
        """;

    private const string InsertEvent = """
        INSERT INTO grain_events (partition, grain_type, grain_key, version, idx, event_type, payload, recorded_at)
        VALUES ($partition, $type, $key, $version, $idx, $eventType, $payload, $at)
        """;

    public async Task<StoredState?> ReadStateAsync(GrainId grain, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, state FROM grain_state WHERE grain_type = $type AND grain_key = $key";
        command.Parameters.AddWithValue("$type", grain.Type);
        command.Parameters.AddWithValue("$key", grain.Key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new StoredState(reader.GetInt64(0), reader.GetString(1))
            : null;
    }

    public async Task<IReadOnlyList<WriteOutcome>> WriteBatchAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var outcomes = new WriteOutcome[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            // A savepoint per write: a failing write is undone alone and the rest of the batch commits.
            var savepoint = $"w{i}";
            await transaction.SaveAsync(savepoint, cancellationToken).ConfigureAwait(false);
            try
            {
                outcomes[i] = await WriteOneAsync(connection, transaction, writes[i], cancellationToken).ConfigureAwait(false);
                if (outcomes[i] is WriteOutcome.Written)
                {
                    await transaction.ReleaseAsync(savepoint, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await transaction.RollbackAsync(savepoint, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
            {
                // SQLITE_CONSTRAINT: this write's own data is bad; the others are unaffected.
                await transaction.RollbackAsync(savepoint, cancellationToken).ConfigureAwait(false);
                outcomes[i] = new WriteOutcome.Failed(ex);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return outcomes;
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(GrainId grain, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT version, idx, event_type, payload, recorded_at FROM grain_events
            WHERE grain_type = $type AND grain_key = $key ORDER BY version, idx
            """;
        command.Parameters.AddWithValue("$type", grain.Type);
        command.Parameters.AddWithValue("$key", grain.Key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var events = new List<StoredEvent>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(new StoredEvent(reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), SqliteDatabase.FromUnixMs(reader.GetInt64(4))));
        }

        return events;
    }

    private static async Task<WriteOutcome> WriteOneAsync(SqliteConnection connection, SqliteTransaction transaction, StateWrite write, CancellationToken cancellationToken)
    {
        var at = SqliteDatabase.ToUnixMs(write.At);
        await using (var state = connection.CreateCommand())
        {
            state.Transaction = transaction;
            state.CommandText = write.ExpectedVersion == 0 ? InsertState : UpdateState;
            state.Parameters.AddWithValue("$partition", write.Partition);
            state.Parameters.AddWithValue("$type", write.Grain.Type);
            state.Parameters.AddWithValue("$key", write.Grain.Key);
            state.Parameters.AddWithValue("$version", write.NewVersion);
            state.Parameters.AddWithValue("$state", write.StateJson);
            state.Parameters.AddWithValue("$at", at);
            if (write.ExpectedVersion != 0)
            {
                state.Parameters.AddWithValue("$expected", write.ExpectedVersion);
            }

            if (await state.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                return WriteOutcome.ConflictOutcome;
            }
        }

        await using var append = connection.CreateCommand();
        append.Transaction = transaction;
        append.CommandText = InsertEvent;
        append.Parameters.AddWithValue("$partition", write.Partition);
        append.Parameters.AddWithValue("$type", write.Grain.Type);
        append.Parameters.AddWithValue("$key", write.Grain.Key);
        append.Parameters.AddWithValue("$version", write.NewVersion);
        append.Parameters.AddWithValue("$at", at);
        var index = append.Parameters.Add("$idx", SqliteType.Integer);
        var eventType = append.Parameters.Add("$eventType", SqliteType.Text);
        var payload = append.Parameters.Add("$payload", SqliteType.Text);
        for (var i = 0; i < write.Events.Count; i++)
        {
            index.Value = i;
            eventType.Value = write.Events[i].Type;
            payload.Value = write.Events[i].Json;
            await append.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return new WriteOutcome.Written(write.NewVersion);
    }
}
