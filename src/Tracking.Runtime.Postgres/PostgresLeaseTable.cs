using Npgsql;
using Tracking.Runtime.Placement;

namespace Tracking.Runtime.Postgres;

/// <summary>Partition leases in <c>partition_leases</c>; expiry is judged by the database's clock.</summary>
internal sealed class PostgresLeaseTable(NpgsqlDataSource dataSource) : ILeaseTable
{
    private const string Returning = "RETURNING partition, owner, epoch, EXTRACT(EPOCH FROM expires_at - now())::float8";

    public async Task EnsurePartitionsAsync(int partitionCount, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            WITH settled AS (
                INSERT INTO cluster_settings (partition_count) VALUES ($1)
                ON CONFLICT (singleton) DO UPDATE SET partition_count = cluster_settings.partition_count
                RETURNING partition_count
            ), rows AS (
                INSERT INTO partition_leases (partition)
                SELECT p FROM settled, generate_series(0, settled.partition_count - 1) AS p
                ON CONFLICT (partition) DO NOTHING
            )
            SELECT partition_count FROM settled
            """);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = partitionCount });
        var recorded = (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        if (recorded != partitionCount)
        {
            throw new InvalidOperationException(
                $"This cluster's data is spread over {recorded} partitions; a silo configured for {partitionCount} cannot join it (SiloOptions.PartitionCount must be {recorded}).");
        }
    }

    public Task<IReadOnlyList<PartitionLease>> ReadAllAsync(CancellationToken cancellationToken) =>
        QueryAsync("SELECT partition, owner, epoch, EXTRACT(EPOCH FROM expires_at - now())::float8 FROM partition_leases ORDER BY partition", cancellationToken);

    public Task<IReadOnlyList<PartitionLease>> ClaimAsync(string silo, IReadOnlyList<int> partitions, TimeSpan duration, CancellationToken cancellationToken) =>
        partitions.Count == 0
            ? Task.FromResult<IReadOnlyList<PartitionLease>>([])
            : QueryAsync(
                $"""
                UPDATE partition_leases SET owner = $1, epoch = epoch + 1, expires_at = now() + $3
                WHERE partition = ANY($2) AND (owner IS NULL OR expires_at <= now())
                {Returning}
                """,
                cancellationToken,
                silo,
                partitions.ToArray(),
                duration);

    public Task<IReadOnlyList<PartitionLease>> RenewAsync(string silo, IReadOnlyList<PartitionLease> held, TimeSpan duration, CancellationToken cancellationToken) =>
        held.Count == 0
            ? Task.FromResult<IReadOnlyList<PartitionLease>>([])
            : QueryAsync(
                $"""
                UPDATE partition_leases l SET expires_at = now() + $3
                FROM unnest($2::int[], $4::bigint[]) AS h(partition, epoch)
                WHERE l.partition = h.partition AND l.epoch = h.epoch AND l.owner = $1 AND l.expires_at > now()
                RETURNING l.partition, l.owner, l.epoch, EXTRACT(EPOCH FROM l.expires_at - now())::float8
                """,
                cancellationToken,
                silo,
                held.Select(l => l.Partition).ToArray(),
                duration,
                held.Select(l => l.Epoch).ToArray());

    public async Task ReleaseAsync(string silo, PartitionLease lease, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE partition_leases SET owner = NULL, expires_at = now() WHERE partition = $1 AND owner = $2 AND epoch = $3");
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = lease.Partition });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = silo });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = lease.Epoch });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private Task<IReadOnlyList<PartitionLease>> QueryAsync(string sql, CancellationToken cancellationToken, params object[] values) =>
        dataSource.ReadAllAsync(
            sql,
            reader => new PartitionLease(
                reader.GetInt32(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.GetInt64(2),
                TimeSpan.FromSeconds(reader.GetDouble(3))),
            cancellationToken,
            values);
}
