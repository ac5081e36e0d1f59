using Npgsql;
using Tracking.Storage.Persistence;
using Tracking.Storage.Reminders;

namespace Tracking.Storage.Postgres;

/// <summary>A batch of reminder writes as one batch of statements: one round trip, one implicit transaction.</summary>
internal sealed class PostgresReminderRows(NpgsqlDataSource dataSource) : IReminderRows
{
    private const string Set = """
        INSERT INTO reminders (service_id, grain_id, reminder_name, start_time, period_ms, grain_hash, version)
        VALUES ($1, $2, $3, $4, $5, $6, 1)
        ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
        SET start_time = excluded.start_time, period_ms = excluded.period_ms, grain_hash = excluded.grain_hash, version = reminders.version + 1
        RETURNING version
        """;

    private const string Remove = """
        DELETE FROM reminders WHERE service_id = $1 AND grain_id = $2 AND reminder_name = $3 AND version = $4
        RETURNING version
        """;

    public Task<IReadOnlyList<ReminderRow>> ReadGrainAsync(string serviceId, string grainId, CancellationToken cancellationToken) =>
        QueryAsync($"{ReminderColumns.Select} WHERE service_id = $1 AND grain_id = $2", cancellationToken, serviceId, grainId);

    public async Task<ReminderRow?> ReadAsync(string serviceId, string grainId, string name, CancellationToken cancellationToken) =>
        (await QueryAsync($"{ReminderColumns.Select} WHERE service_id = $1 AND grain_id = $2 AND reminder_name = $3", cancellationToken, serviceId, grainId, name).ConfigureAwait(false))
        .SingleOrDefault();

    public Task<IReadOnlyList<ReminderRow>> ReadRangeAsync(string serviceId, ReminderRange range, CancellationToken cancellationToken) =>
        QueryAsync(
            $"{ReminderColumns.Select} WHERE service_id = $1 AND " + (range.IsInterval ? "grain_hash > $2 AND grain_hash <= $3" : "(grain_hash > $2 OR grain_hash <= $3)"),
            cancellationToken, serviceId, range.SignedBegin, range.SignedEnd);

    public async Task<IReadOnlyList<WriteOutcome>> WriteBatchAsync(IReadOnlyList<ReminderWrite> writes, CancellationToken cancellationToken)
    {
        try
        {
            return await CommitAsync(writes, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException) when (writes.Count > 1)
        {
            // One write's data was refused and took the batch down with it: each alone, so only the bad one fails.
            var outcomes = new WriteOutcome[writes.Count];
            for (var i = 0; i < writes.Count; i++)
            {
                outcomes[i] = (await WriteBatchAsync([writes[i]], cancellationToken).ConfigureAwait(false))[0];
            }

            return outcomes;
        }
        catch (PostgresException ex)
        {
            return [new WriteOutcome.Failed(ex)];
        }
    }

    public async Task ClearAsync(string serviceId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM reminders WHERE service_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = serviceId });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<WriteOutcome>> CommitAsync(IReadOnlyList<ReminderWrite> writes, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        foreach (var write in writes)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = write is ReminderWrite.Set ? Set : Remove;
            command.Parameters.Add(new NpgsqlParameter { Value = write.ServiceId });
            command.Parameters.Add(new NpgsqlParameter { Value = write.GrainId });
            command.Parameters.Add(new NpgsqlParameter { Value = write.Name });
            switch (write)
            {
                case ReminderWrite.Set set:
                    command.Parameters.Add(new NpgsqlParameter { Value = set.StartAt.ToUniversalTime() });
                    command.Parameters.Add(new NpgsqlParameter { Value = (long)set.Period.TotalMilliseconds });
                    command.Parameters.Add(new NpgsqlParameter { Value = set.GrainHash });
                    break;
                case ReminderWrite.Remove remove:
                    command.Parameters.Add(new NpgsqlParameter { Value = remove.Version });
                    break;
            }

            batch.BatchCommands.Add(command);
        }

        // Without a transaction of its own, a batch is one implicit transaction: all of it or none.
        var outcomes = new WriteOutcome[writes.Count];
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < writes.Count; i++)
        {
            outcomes[i] = await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? new WriteOutcome.Written(reader.GetInt64(0)) : WriteOutcome.ConflictOutcome;
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        }

        return outcomes;
    }

    private async Task<IReadOnlyList<ReminderRow>> QueryAsync(string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await ReminderColumns.ReadAsync(reader, r => r.GetFieldValue<DateTimeOffset>(2), cancellationToken).ConfigureAwait(false);
    }
}
