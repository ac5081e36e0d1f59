using Microsoft.Data.Sqlite;

namespace Tracking.Storage.Sqlite;

/// <summary>Opens connections to the store's file with the settings every connection needs.</summary>
internal sealed class SqliteDatabase(string path)
{
    private readonly SemaphoreSlim _writer = new(1, 1);

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

    /// <summary>
    /// One writer at a time from this process: state and reminder batches take turns here rather
    /// than in SQLite's busy handler, which sleeps in steps of milliseconds.
    /// </summary>
    public async Task<IDisposable> TakeWriteTurnAsync(CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new WriteTurn(_writer);
    }

    /// <summary>The wall clock changed matched fields are stamped with: never a scenario's simulated one, as a sweep compares it with the stamps of writes made long before.</summary>
    public TimeProvider Clock { get; } = TimeProvider.System;

    public static long ToUnixMs(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromUnixMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private sealed class WriteTurn(SemaphoreSlim writer) : IDisposable
    {
        private SemaphoreSlim? _writer = writer;

        public void Dispose() => Interlocked.Exchange(ref _writer, null)?.Release();
    }
}
