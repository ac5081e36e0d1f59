using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Npgsql;

namespace Tracking.Storage.Postgres;

/// <summary>
/// Rows written in PostgreSQL's binary COPY format straight to a COPY's stream, a buffer of them at
/// a time. Npgsql's importer binds and sizes every field through its type machinery: for an
/// import's creations that cost more of the program's time than making their events' JSON did
/// (loadtests/README.md, "Creations copied in as PostgreSQL's binary rows"). Only the types
/// <see cref="PostgresGrainStore"/> copies are written: integer, bigint, text and timestamptz.
/// </summary>
internal sealed class BinaryCopyRows : IAsyncDisposable
{
    // The buffer is sent once it holds this much: many rows to a message. It comes from the shared pool, as does a larger one a long field needs.
    private const int SendAt = 64 * 1024;

    private static readonly long s_postgresEpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    private readonly NpgsqlRawCopyStream _stream;
    private readonly short _fields;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(SendAt * 2);
    private int _length;
    private bool _ended;

    private BinaryCopyRows(NpgsqlRawCopyStream stream, short fields)
    {
        _stream = stream;
        _fields = fields;

        // The format's signature, no flags, no header extension.
        Reserve(19);
        "PGCOPY\n"u8.CopyTo(_buffer);
        _buffer[7] = 0xFF;
        "\r\n\0"u8.CopyTo(_buffer.AsSpan(8));
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(11), 0);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(15), 0);
        _length = 19;
    }

    /// <summary>Begins a COPY into <paramref name="columns"/> of <paramref name="table"/> on <paramref name="connection"/>; each row then gives every column, in that order.</summary>
    public static async Task<BinaryCopyRows> BeginAsync(NpgsqlConnection connection, string table, string[] columns, CancellationToken cancellationToken) =>
        new(await connection.BeginRawBinaryCopyAsync($"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false), checked((short)columns.Length));

    /// <summary>Begins a row; the buffer is sent first if it is full.</summary>
    public async ValueTask StartRowAsync(CancellationToken cancellationToken)
    {
        if (_length >= SendAt)
        {
            await SendAsync(cancellationToken).ConfigureAwait(false);
        }

        BinaryPrimitives.WriteInt16BigEndian(Reserve(2), _fields);
        _length += 2;
    }

    public void Integer(int value) => BinaryPrimitives.WriteInt32BigEndian(Field(4), value);

    public void Bigint(long value) => BinaryPrimitives.WriteInt64BigEndian(Field(8), value);

    /// <summary>The number, or NULL.</summary>
    public void Bigint(long? value)
    {
        if (value is { } number)
        {
            Bigint(number);
            return;
        }

        BinaryPrimitives.WriteInt32BigEndian(Reserve(4), -1);
        _length += 4;
    }

    /// <summary>The text in UTF-8, or NULL.</summary>
    public void Text(string? value)
    {
        if (value is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(Reserve(4), -1);
            _length += 4;
            return;
        }

        var field = Reserve(4 + Encoding.UTF8.GetMaxByteCount(value.Length));
        var written = Encoding.UTF8.GetBytes(value, field[4..]);
        BinaryPrimitives.WriteInt32BigEndian(field, written);
        _length += 4 + written;
    }

    /// <summary>Microseconds since 2000-01-01 UTC, as the server keeps a timestamptz (finer ticks are dropped, as Npgsql drops them).</summary>
    public void Timestamptz(DateTimeOffset value) =>
        BinaryPrimitives.WriteInt64BigEndian(Field(8), (value.UtcTicks - s_postgresEpochTicks) / TimeSpan.TicksPerMicrosecond);

    /// <summary>Sends the rows and the format's end, and ends the COPY: the server refuses it then if it refuses any row.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        BinaryPrimitives.WriteInt16BigEndian(Reserve(2), -1);
        _length += 2;
        await SendAsync(cancellationToken).ConfigureAwait(false);
        _ended = true;
        await _stream.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>A COPY not completed is cancelled: none of its rows is kept.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_ended)
            {
                _ended = true;
                await _stream.CancelAsync().ConfigureAwait(false);
                await _stream.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            if (_buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = [];
            }
        }
    }

    /// <summary>A field of <paramref name="bytes"/> bytes: its length written, the room for its value returned.</summary>
    private Span<byte> Field(int bytes)
    {
        var field = Reserve(4 + bytes);
        BinaryPrimitives.WriteInt32BigEndian(field, bytes);
        _length += 4 + bytes;
        return field[4..];
    }

    /// <summary>Room for <paramref name="bytes"/> more after what the buffer holds; a larger buffer when a field needs it.</summary>
    private Span<byte> Reserve(int bytes)
    {
        if (_buffer.Length - _length < bytes)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + bytes));
            _buffer.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        return _buffer.AsSpan(_length, bytes);
    }

    private async ValueTask SendAsync(CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken).ConfigureAwait(false);
        _length = 0;
    }
}
