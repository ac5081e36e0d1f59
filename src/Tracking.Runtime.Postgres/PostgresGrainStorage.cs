using Npgsql;
using NpgsqlTypes;
using Tracking.Runtime.Persistence;

namespace Tracking.Runtime.Postgres;

/// <summary>
/// State and events in one statement per write: the events are inserted only if the versioned
/// state write matched, so they can never be committed apart.
/// </summary>
internal sealed class PostgresGrainStorage(NpgsqlDataSource dataSource) : IGrainStorage
{
    private const string AppendEvents = """
        , e AS (
            INSERT INTO grain_events (partition, grain_type, grain_key, version, idx, event_type, payload, recorded_at)
            SELECT $1, $2, $3, s.version, t.ord - 1, t.event_type, t.payload::jsonb, $6
            FROM s CROSS JOIN unnest($7::text[], $8::text[]) WITH ORDINALITY AS t(event_type, payload, ord))
        SELECT count(*) FROM s
        """;

    private const string InsertWrite = """
        WITH s AS (
            INSERT INTO grain_state (partition, grain_type, grain_key, version, state, updated_at)
            VALUES ($1, $2, $3, $4, $5::jsonb, $6)
            ON CONFLICT (grain_type, grain_key) DO NOTHING
            RETURNING version)
        """ + AppendEvents;

    private const string UpdateWrite = """
        WITH s AS (
            UPDATE grain_state SET version = $4, state = $5::jsonb, updated_at = $6
            WHERE grain_type = $2 AND grain_key = $3 AND version = $9
            RETURNING version)
        """ + AppendEvents;

    public async Task<StoredState?> ReadStateAsync(GrainId grain, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT version, state::text FROM grain_state WHERE grain_type = $1 AND grain_key = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = grain.Type });
        command.Parameters.Add(new NpgsqlParameter { Value = grain.Key });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new StoredState(reader.GetInt64(0), reader.GetString(1))
            : null;
    }

    public async Task<IReadOnlyList<WriteOutcome>> WriteBatchAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken)
    {
        try
        {
            return await CommitAsync(writes, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException) when (writes.Count > 1)
        {
            // One write's data was refused and took the transaction down with it: commit each
            // write alone so only the bad one fails.
            var outcomes = new WriteOutcome[writes.Count];
            for (var i = 0; i < writes.Count; i++)
            {
                try
                {
                    outcomes[i] = (await CommitAsync([writes[i]], cancellationToken).ConfigureAwait(false))[0];
                }
                catch (PostgresException ex)
                {
                    outcomes[i] = new WriteOutcome.Failed(ex);
                }
            }

            return outcomes;
        }
        catch (PostgresException ex)
        {
            return [new WriteOutcome.Failed(ex)];
        }
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(GrainId grain, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT version, idx, event_type, payload::text, recorded_at FROM grain_events
            WHERE grain_type = $1 AND grain_key = $2 ORDER BY version, idx
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = grain.Type });
        command.Parameters.Add(new NpgsqlParameter { Value = grain.Key });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var events = new List<StoredEvent>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(new StoredEvent(reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return events;
    }

    private async Task<IReadOnlyList<WriteOutcome>> CommitAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var write in writes)
        {
            batch.BatchCommands.Add(ToCommand(write));
        }

        var outcomes = new WriteOutcome[writes.Count];
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            for (var i = 0; i < writes.Count; i++)
            {
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                outcomes[i] = reader.GetInt64(0) == 1 ? new WriteOutcome.Written(writes[i].NewVersion) : WriteOutcome.ConflictOutcome;
                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return outcomes;
    }

    private static NpgsqlBatchCommand ToCommand(StateWrite write)
    {
        var command = new NpgsqlBatchCommand(write.ExpectedVersion == 0 ? InsertWrite : UpdateWrite);
        var parameters = command.Parameters;
        parameters.Add(new NpgsqlParameter<int> { TypedValue = write.Partition });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = write.Grain.Type });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = write.Grain.Key });
        parameters.Add(new NpgsqlParameter<long> { TypedValue = write.NewVersion });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = write.StateJson, NpgsqlDbType = NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = write.At.ToUniversalTime() });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = write.Events.Select(e => e.Type).ToArray() });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = write.Events.Select(e => e.Json).ToArray() });
        if (write.ExpectedVersion != 0)
        {
            parameters.Add(new NpgsqlParameter<long> { TypedValue = write.ExpectedVersion });
        }

        return command;
    }
}
