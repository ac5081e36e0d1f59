using Npgsql;
using Tracking.Runtime.Membership;

namespace Tracking.Runtime.Postgres;

/// <summary>Silos in <c>silos</c>; heartbeat ages are judged by the database's clock.</summary>
internal sealed class PostgresMembershipTable(NpgsqlDataSource dataSource) : IMembershipTable
{
    public async Task JoinAsync(string silo, Uri address, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO silos (silo_id, address, status) VALUES ($1, $2, 'active')
            ON CONFLICT (silo_id) DO UPDATE SET address = excluded.address, status = 'active', started_at = now(), heartbeat_at = now(), activations = 0
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = silo });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = address.ToString() });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<SiloMemberStatus?> HeartbeatAsync(string silo, int activations, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE silos SET heartbeat_at = now(), activations = $2 WHERE silo_id = $1 RETURNING status");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = silo });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = activations });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string status ? Parse(status) : null;
    }

    public async Task<bool> SetStatusAsync(string silo, SiloMemberStatus status, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE silos SET status = $2 WHERE silo_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = silo });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = status.ToString().ToLowerInvariant() });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public Task<IReadOnlyList<SiloEntry>> ReadAllAsync(CancellationToken cancellationToken) =>
        dataSource.ReadAllAsync(
            """
            SELECT silo_id, address, status, started_at, EXTRACT(EPOCH FROM now() - heartbeat_at)::float8, activations
            FROM silos ORDER BY started_at, silo_id
            """,
            reader => new SiloEntry(
                reader.GetString(0),
                new Uri(reader.GetString(1)),
                Parse(reader.GetString(2)),
                reader.GetFieldValue<DateTimeOffset>(3),
                TimeSpan.FromSeconds(reader.GetDouble(4)),
                reader.GetInt32(5)),
            cancellationToken);

    private static SiloMemberStatus Parse(string status) => Enum.Parse<SiloMemberStatus>(status, ignoreCase: true);
}
