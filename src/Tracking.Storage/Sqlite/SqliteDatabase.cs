using Microsoft.Data.Sqlite;

namespace Tracking.Storage.Sqlite;

/// <summary>Opens connections to the store's file with the settings every connection needs.</summary>
internal sealed class SqliteDatabase(string path)
{
    public string ConnectionString { get; } = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    /// <summary>
    /// A pooled connection. SQLite's default synchronous=FULL holds (every commit reaches the disk);
    /// a busy database is waited for up to <see cref="SqliteConnectionStringBuilder.DefaultTimeout"/>.
    /// </summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    public static long ToUnixMs(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromUnixMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
