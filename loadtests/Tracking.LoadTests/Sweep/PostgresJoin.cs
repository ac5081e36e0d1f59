using Npgsql;
using NpgsqlTypes;
using Tracking.Domain.Accounts;
using Tracking.Domain.Matching;
using Tracking.Domain.Taxpayers;

namespace Tracking.LoadTests.Sweep;

/// <summary>
/// The same blocking-key join done in PostgreSQL: keys loaded with binary COPY into unlogged
/// tables, then one SQL join counting distinct taxpayer–account pairs. Only the join is timed
/// against the sweep; loading is reported apart.
/// </summary>
internal static class PostgresJoin
{
    public static async Task<(TimeSpan Load, TimeSpan Join, long Pairs)> RunAsync(string connectionString, IReadOnlyList<TaxpayerProfile> taxpayers, IEnumerable<AccountProfile> accounts)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await Execute(connection, """
            DROP TABLE IF EXISTS bench_taxpayer_keys, bench_account_keys;
            CREATE UNLOGGED TABLE bench_taxpayer_keys (key text NOT NULL, taxpayer_id text NOT NULL);
            CREATE UNLOGGED TABLE bench_account_keys (key text NOT NULL, exchange text NOT NULL, account_id text NOT NULL);
            """);
        var load = System.Diagnostics.Stopwatch.StartNew();
        await using (var copy = await connection.BeginBinaryImportAsync("COPY bench_taxpayer_keys (key, taxpayer_id) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var taxpayer in taxpayers)
            {
                foreach (var key in BlockingKeys.For(taxpayer.Identity()))
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(key, NpgsqlDbType.Text);
                    await copy.WriteAsync(taxpayer.TaxpayerId, NpgsqlDbType.Text);
                }
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync("COPY bench_account_keys (key, exchange, account_id) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var account in accounts)
            {
                foreach (var key in BlockingKeys.For(account.Identity()))
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(key, NpgsqlDbType.Text);
                    await copy.WriteAsync(account.Exchange, NpgsqlDbType.Text);
                    await copy.WriteAsync(account.AccountId, NpgsqlDbType.Text);
                }
            }

            await copy.CompleteAsync();
        }

        await Execute(connection, "ANALYZE bench_taxpayer_keys; ANALYZE bench_account_keys;");
        var loaded = load.Elapsed;
        var join = System.Diagnostics.Stopwatch.StartNew();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM (SELECT DISTINCT t.taxpayer_id, a.exchange, a.account_id FROM bench_taxpayer_keys t JOIN bench_account_keys a USING (key)) pairs",
            connection) { CommandTimeout = 0 };
        var pairs = (long)(await command.ExecuteScalarAsync())!;
        var joined = join.Elapsed;
        await Execute(connection, "DROP TABLE bench_taxpayer_keys, bench_account_keys;");
        return (loaded, joined, pairs);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}
