using Npgsql;
using Tracking.Runtime.Reminders;

namespace Tracking.Runtime.Postgres;

internal sealed class PostgresReminderTable(NpgsqlDataSource dataSource) : IReminderTable
{
    private const string Columns = "SELECT partition, grain_type, grain_key, name, due_at, period_ms FROM reminders ";

    public Task UpsertAsync(ReminderEntry reminder, CancellationToken cancellationToken) =>
        ExecuteAsync(
            """
            INSERT INTO reminders (grain_type, grain_key, name, partition, due_at, period_ms) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (grain_type, grain_key, name) DO UPDATE SET due_at = excluded.due_at, period_ms = excluded.period_ms
            """,
            cancellationToken,
            reminder.Grain.Type,
            reminder.Grain.Key,
            reminder.Name,
            reminder.Partition,
            reminder.DueAt.ToUniversalTime(),
            reminder.Period is { } p ? (long)p.TotalMilliseconds : DBNull.Value);

    public Task DeleteAsync(GrainId grain, string name, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM reminders WHERE grain_type = $1 AND grain_key = $2 AND name = $3", cancellationToken, grain.Type, grain.Key, name);

    public Task<IReadOnlyList<ReminderEntry>> ReadDueAsync(DateTimeOffset dueBy, int limit, CancellationToken cancellationToken) =>
        QueryAsync(Columns + "WHERE due_at <= $1 ORDER BY due_at LIMIT $2", cancellationToken, dueBy.ToUniversalTime(), limit);

    public Task<IReadOnlyList<ReminderEntry>> ReadForGrainAsync(GrainId grain, CancellationToken cancellationToken) =>
        QueryAsync(Columns + "WHERE grain_type = $1 AND grain_key = $2 ORDER BY name", cancellationToken, grain.Type, grain.Key);

    public Task CompleteAsync(ReminderEntry fired, DateTimeOffset? nextDueAt, CancellationToken cancellationToken) =>
        nextDueAt is { } next
            ? ExecuteAsync(
                "UPDATE reminders SET due_at = $5 WHERE grain_type = $1 AND grain_key = $2 AND name = $3 AND due_at = $4",
                cancellationToken,
                fired.Grain.Type,
                fired.Grain.Key,
                fired.Name,
                fired.DueAt.ToUniversalTime(),
                next.ToUniversalTime())
            : ExecuteAsync(
                "DELETE FROM reminders WHERE grain_type = $1 AND grain_key = $2 AND name = $3 AND due_at = $4",
                cancellationToken,
                fired.Grain.Type,
                fired.Grain.Key,
                fired.Name,
                fired.DueAt.ToUniversalTime());

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = Create(sql, values);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<ReminderEntry>> QueryAsync(string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = Create(sql, values);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<ReminderEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new ReminderEntry(
                new GrainId(reader.GetString(1), reader.GetString(2)),
                reader.GetInt32(0),
                reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.IsDBNull(5) ? null : TimeSpan.FromMilliseconds(reader.GetInt64(5))));
        }

        return entries;
    }

    private NpgsqlCommand Create(string sql, object[] values)
    {
        var command = dataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
