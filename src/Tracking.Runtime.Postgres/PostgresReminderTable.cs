using Npgsql;
using Tracking.Runtime.Placement;
using Tracking.Runtime.Reminders;

namespace Tracking.Runtime.Postgres;

internal sealed class PostgresReminderTable(NpgsqlDataSource dataSource) : IReminderTable
{
    private const string Columns = "SELECT partition, grain_type, grain_key, name, due_at, period_ms FROM reminders ";

    // A change runs only if the fence holds: the lease row is read FOR SHARE, so a claim of the
    // partition waits for this transaction. The statement answers whether the fence held.
    // Parameters $1–$3 are the fence (silo, partition, epoch); the change's own start at $4.
    private const string FenceHeld = "($1::text IS NULL OR EXISTS (SELECT 1 FROM fence))";
    private const string Fence = """
        WITH fence AS (
            SELECT 1 FROM partition_leases
            WHERE partition = $2 AND owner = $1 AND epoch = $3 AND expires_at > now() FOR SHARE
        ), change AS (
        """;

    public Task UpsertAsync(ReminderEntry reminder, LeaseFence? fence, CancellationToken cancellationToken) =>
        ExecuteFencedAsync(
            $"""
            INSERT INTO reminders (grain_type, grain_key, name, partition, due_at, period_ms)
            SELECT $4, $5, $6::text, $2, $7::timestamptz, $8::bigint WHERE {FenceHeld}
            ON CONFLICT (grain_type, grain_key, name) DO UPDATE SET due_at = excluded.due_at, period_ms = excluded.period_ms
            """,
            reminder.Grain,
            reminder.Partition,
            fence,
            cancellationToken,
            reminder.Name,
            reminder.DueAt.ToUniversalTime(),
            reminder.Period is { } p ? (long)p.TotalMilliseconds : DBNull.Value);

    public Task DeleteAsync(GrainId grain, int partition, string name, LeaseFence? fence, CancellationToken cancellationToken) =>
        ExecuteFencedAsync(
            $"DELETE FROM reminders WHERE grain_type = $4 AND grain_key = $5 AND name = $6 AND {FenceHeld}",
            grain,
            partition,
            fence,
            cancellationToken,
            name);

    public Task<IReadOnlyList<ReminderEntry>> ReadDueAsync(DateTimeOffset dueBy, int limit, IReadOnlyCollection<int>? partitions, CancellationToken cancellationToken) =>
        partitions is null
            ? QueryAsync(Columns + "WHERE due_at <= $1 ORDER BY due_at LIMIT $2", cancellationToken, dueBy.ToUniversalTime(), limit)
            : QueryAsync(Columns + "WHERE due_at <= $1 AND partition = ANY($3) ORDER BY due_at LIMIT $2", cancellationToken, dueBy.ToUniversalTime(), limit, partitions.ToArray());

    public Task<IReadOnlyList<ReminderEntry>> ReadForGrainAsync(GrainId grain, CancellationToken cancellationToken) =>
        QueryAsync(Columns + "WHERE grain_type = $1 AND grain_key = $2 ORDER BY name", cancellationToken, grain.Type, grain.Key);

    public Task CompleteAsync(ReminderEntry fired, DateTimeOffset? nextDueAt, LeaseFence? fence, CancellationToken cancellationToken) =>
        nextDueAt is { } next
            ? ExecuteFencedAsync(
                $"UPDATE reminders SET due_at = $8 WHERE grain_type = $4 AND grain_key = $5 AND name = $6 AND due_at = $7 AND {FenceHeld}",
                fired.Grain,
                fired.Partition,
                fence,
                cancellationToken,
                fired.Name,
                fired.DueAt.ToUniversalTime(),
                next.ToUniversalTime())
            : ExecuteFencedAsync(
                $"DELETE FROM reminders WHERE grain_type = $4 AND grain_key = $5 AND name = $6 AND due_at = $7 AND {FenceHeld}",
                fired.Grain,
                fired.Partition,
                fence,
                cancellationToken,
                fired.Name,
                fired.DueAt.ToUniversalTime());

    private async Task ExecuteFencedAsync(string change, GrainId grain, int partition, LeaseFence? fence, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = dataSource.CreateCommand($"{Fence}{change}) SELECT {FenceHeld}");
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = fence?.Silo, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = partition });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = fence?.Epoch ?? 0 });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grain.Type });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grain.Key });
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not true)
        {
            throw new PartitionMovedException(grain, partition);
        }
    }

    private Task<IReadOnlyList<ReminderEntry>> QueryAsync(string sql, CancellationToken cancellationToken, params object[] values) =>
        dataSource.ReadAllAsync(
            sql,
            reader => new ReminderEntry(
                new GrainId(reader.GetString(1), reader.GetString(2)),
                reader.GetInt32(0),
                reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.IsDBNull(5) ? null : TimeSpan.FromMilliseconds(reader.GetInt64(5))),
            cancellationToken,
            values);
}
