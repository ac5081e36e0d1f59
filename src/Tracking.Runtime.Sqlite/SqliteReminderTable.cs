using Microsoft.Data.Sqlite;
using Tracking.Runtime.Placement;
using Tracking.Runtime.Reminders;

namespace Tracking.Runtime.Sqlite;

/// <summary>Reminders of the one silo an embedded store serves: there are no leases, so no fence to check.</summary>
internal sealed class SqliteReminderTable(SqliteDatabase database) : IReminderTable
{
    public Task UpsertAsync(ReminderEntry reminder, LeaseFence? fence, CancellationToken cancellationToken) =>
        ExecuteAsync(
            """
            INSERT INTO reminders (partition, grain_type, grain_key, name, due_at, period_ms)
            VALUES ($partition, $type, $key, $name, $due, $period)
            ON CONFLICT (grain_type, grain_key, name) DO UPDATE SET due_at = excluded.due_at, period_ms = excluded.period_ms
            """,
            command =>
            {
                AddIdentity(command, reminder.Grain, reminder.Name);
                command.Parameters.AddWithValue("$partition", reminder.Partition);
                command.Parameters.AddWithValue("$due", SqliteDatabase.ToUnixMs(reminder.DueAt));
                command.Parameters.AddWithValue("$period", reminder.Period is { } p ? (long)p.TotalMilliseconds : DBNull.Value);
            },
            cancellationToken);

    public Task DeleteAsync(GrainId grain, int partition, string name, LeaseFence? fence, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "DELETE FROM reminders WHERE grain_type = $type AND grain_key = $key AND name = $name",
            command => AddIdentity(command, grain, name),
            cancellationToken);

    public Task<IReadOnlyList<ReminderEntry>> ReadDueAsync(DateTimeOffset dueBy, int limit, IReadOnlyCollection<int>? partitions, CancellationToken cancellationToken) =>
        QueryAsync(
            "WHERE due_at <= $dueBy" + (partitions is null ? "" : $" AND partition IN ({string.Join(',', partitions)})") + " ORDER BY due_at LIMIT $limit",
            command =>
            {
                command.Parameters.AddWithValue("$dueBy", SqliteDatabase.ToUnixMs(dueBy));
                command.Parameters.AddWithValue("$limit", limit);
            },
            cancellationToken);

    public Task<IReadOnlyList<ReminderEntry>> ReadForGrainAsync(GrainId grain, CancellationToken cancellationToken) =>
        QueryAsync(
            "WHERE grain_type = $type AND grain_key = $key ORDER BY name",
            command =>
            {
                command.Parameters.AddWithValue("$type", grain.Type);
                command.Parameters.AddWithValue("$key", grain.Key);
            },
            cancellationToken);

    public Task CompleteAsync(ReminderEntry fired, DateTimeOffset? nextDueAt, LeaseFence? fence, CancellationToken cancellationToken) =>
        ExecuteAsync(
            nextDueAt is null
                ? "DELETE FROM reminders WHERE grain_type = $type AND grain_key = $key AND name = $name AND due_at = $fired"
                : "UPDATE reminders SET due_at = $next WHERE grain_type = $type AND grain_key = $key AND name = $name AND due_at = $fired",
            command =>
            {
                AddIdentity(command, fired.Grain, fired.Name);
                command.Parameters.AddWithValue("$fired", SqliteDatabase.ToUnixMs(fired.DueAt));
                if (nextDueAt is { } next)
                {
                    command.Parameters.AddWithValue("$next", SqliteDatabase.ToUnixMs(next));
                }
            },
            cancellationToken);

    private static void AddIdentity(SqliteCommand command, GrainId grain, string name)
    {
        command.Parameters.AddWithValue("$type", grain.Type);
        command.Parameters.AddWithValue("$key", grain.Key);
        command.Parameters.AddWithValue("$name", name);
    }

    private async Task ExecuteAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<ReminderEntry>> QueryAsync(string where, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT partition, grain_type, grain_key, name, due_at, period_ms FROM reminders " + where;
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<ReminderEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new ReminderEntry(
                new GrainId(reader.GetString(1), reader.GetString(2)),
                reader.GetInt32(0),
                reader.GetString(3),
                SqliteDatabase.FromUnixMs(reader.GetInt64(4)),
                reader.IsDBNull(5) ? null : TimeSpan.FromMilliseconds(reader.GetInt64(5))));
        }

        return entries;
    }
}
