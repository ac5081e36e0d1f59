using Microsoft.Data.Sqlite;
using Tracking.Storage.Persistence;
using Tracking.Storage.Reminders;

namespace Tracking.Storage.Sqlite;

/// <summary>A batch of reminder writes as prepared statements in one transaction, taking turns with state writes for the file.</summary>
internal sealed class SqliteReminderRows(SqliteDatabase database) : IReminderRows
{
    private const string Set = """
        INSERT INTO reminders (service_id, grain_id, reminder_name, start_time, period_ms, grain_hash, version)
        VALUES ($service, $grain, $name, $start, $period, $hash, 1)
        ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
        SET start_time = excluded.start_time, period_ms = excluded.period_ms, grain_hash = excluded.grain_hash, version = version + 1
        RETURNING version
        """;

    private const string Remove = """
        DELETE FROM reminders WHERE service_id = $service AND grain_id = $grain AND reminder_name = $name AND version = $version
        RETURNING version
        """;

    public Task<IReadOnlyList<ReminderRow>> ReadGrainAsync(string serviceId, string grainId, CancellationToken cancellationToken) =>
        QueryAsync($"{ReminderColumns.Select} WHERE service_id = $service AND grain_id = $grain", cancellationToken, ("$service", serviceId), ("$grain", grainId));

    public async Task<ReminderRow?> ReadAsync(string serviceId, string grainId, string name, CancellationToken cancellationToken) =>
        (await QueryAsync($"{ReminderColumns.Select} WHERE service_id = $service AND grain_id = $grain AND reminder_name = $name", cancellationToken, ("$service", serviceId), ("$grain", grainId), ("$name", name)).ConfigureAwait(false))
        .SingleOrDefault();

    public Task<IReadOnlyList<ReminderRow>> ReadRangeAsync(string serviceId, ReminderRange range, CancellationToken cancellationToken) =>
        QueryAsync(
            $"{ReminderColumns.Select} WHERE service_id = $service AND " + (range.IsInterval ? "grain_hash > $begin AND grain_hash <= $end" : "(grain_hash > $begin OR grain_hash <= $end)"),
            cancellationToken, ("$service", serviceId), ("$begin", range.SignedBegin), ("$end", range.SignedEnd));

    public async Task<IReadOnlyList<WriteOutcome>> WriteBatchAsync(IReadOnlyList<ReminderWrite> writes, CancellationToken cancellationToken)
    {
        using var turn = await database.TakeWriteTurnAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var set = PreparedCommands.Prepare(connection, transaction, Set, "$service", "$grain", "$name", "$start", "$period", "$hash");
        var remove = PreparedCommands.Prepare(connection, transaction, Remove, "$service", "$grain", "$name", "$version");
        var outcomes = new WriteOutcome[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            var command = write switch
            {
                ReminderWrite.Set s => set.Bind(s.ServiceId, s.GrainId, s.Name, SqliteDatabase.ToUnixMs(s.StartAt), (long)s.Period.TotalMilliseconds, s.GrainHash),
                ReminderWrite.Remove r => remove.Bind(r.ServiceId, r.GrainId, r.Name, r.Version),
                _ => throw new ArgumentException($"Unknown reminder write {write.GetType().Name}", nameof(writes)),
            };

            try
            {
                // A failing statement is undone alone (SQLite's statement-level rollback); the batch goes on.
                outcomes[i] = command.ExecuteScalar() is long version ? new WriteOutcome.Written(version) : WriteOutcome.ConflictOutcome;
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
            {
                outcomes[i] = new WriteOutcome.Failed(ex);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return outcomes;
    }

    public async Task ClearAsync(string serviceId, CancellationToken cancellationToken)
    {
        using var turn = await database.TakeWriteTurnAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM reminders WHERE service_id = $service";
        command.Parameters.AddWithValue("$service", serviceId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<ReminderRow>> QueryAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await ReminderColumns.ReadAsync(reader, r => SqliteDatabase.FromUnixMs(r.GetInt64(2)), cancellationToken).ConfigureAwait(false);
    }
}
