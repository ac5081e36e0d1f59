using Npgsql;

namespace Tracking.Runtime.Postgres;

/// <summary>One query read to its end, each row made into a value; parameters are positional (<c>$1</c>, <c>$2</c> …).</summary>
internal static class PostgresQuery
{
    public static async Task<IReadOnlyList<T>> ReadAllAsync<T>(this NpgsqlDataSource dataSource, string sql, Func<NpgsqlDataReader, T> row, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row(reader));
        }

        return rows;
    }
}
