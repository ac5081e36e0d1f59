using System.Buffers;
using System.Buffers.Binary;

namespace Tracking.Grains.Matching;

/// <summary>Packs records' index entries into one <see cref="IndexPage"/> per shard, and reads the entries of one.</summary>
internal static class IndexPages
{
    private const int HeaderLength = 12;

    /// <summary>
    /// The pages of the entries of <paramref name="sources"/> (each described as a record and its
    /// keys; none for a null record), one for each shard any goes to, each in the sources' order. The
    /// keys are worked out on every core, each part of the sources packing its own pages.
    /// </summary>
    public static IndexPage[] Pack<TSource, TRecord>(IReadOnlyList<TSource> sources, Func<TSource, (TRecord? Record, IReadOnlyList<string> Keys)> describe, CancellationToken cancellationToken)
        where TRecord : class, IPackedRecord<TRecord>
    {
        var parts = Math.Min(sources.Count, Environment.ProcessorCount * 2);
        var packed = new ArrayBufferWriter<byte>?[parts][];
        Parallel.For(
            0,
            parts,
            // Off a grain's scheduler, which would run the parts one after another.
            new ParallelOptions { CancellationToken = cancellationToken, TaskScheduler = TaskScheduler.Default },
            part =>
            {
                var byShard = packed[part] = new ArrayBufferWriter<byte>?[MatchIndex.ShardCount];
                var record = new ArrayBufferWriter<byte>(256);
                for (var i = (int)((long)sources.Count * part / parts); i < (long)sources.Count * (part + 1) / parts; i++)
                {
                    if (describe(sources[i]) is not ({ } filed, var keys))
                    {
                        continue;
                    }

                    record.ResetWrittenCount();
                    filed.Pack(record);
                    for (var k = 0; k < keys.Count; k++)
                    {
                        var key = BlockKey.Of(keys[k]);
                        Write(byShard[MatchIndex.NumberOf(key)] ??= new ArrayBufferWriter<byte>(4096), key, first: k == 0, record.WrittenSpan);
                    }
                }
            });

        var pages = new List<IndexPage>();
        for (var shard = 0; shard < MatchIndex.ShardCount; shard++)
        {
            var length = packed.Sum(part => part[shard]?.WrittenCount ?? 0);
            if (length == 0)
            {
                continue;
            }

            var entries = new byte[length];
            var at = 0;
            foreach (var part in packed)
            {
                if (part[shard] is { } written)
                {
                    written.WrittenSpan.CopyTo(entries.AsSpan(at));
                    at += written.WrittenCount;
                }
            }

            pages.Add(new IndexPage(shard, entries));
        }

        return [.. pages];
    }

    /// <summary>The length of the entry at <paramref name="at"/>, header and record.</summary>
    public static int LengthAt(ReadOnlySpan<byte> entries, int at) => HeaderLength + BinaryPrimitives.ReadUInt16LittleEndian(entries[(at + 10)..]);

    public static BlockKey KeyAt(ReadOnlySpan<byte> entries, int at) => new(BinaryPrimitives.ReadUInt64LittleEndian(entries[at..]), (char)entries[at + 8]);

    public static bool FirstAt(ReadOnlySpan<byte> entries, int at) => entries[at + 9] != 0;

    /// <summary>The packed record of the entry at <paramref name="at"/>.</summary>
    public static ReadOnlySpan<byte> RecordAt(ReadOnlySpan<byte> entries, int at) => entries.Slice(at + HeaderLength, LengthAt(entries, at) - HeaderLength);

    public static IndexEntry<TRecord> EntryAt<TRecord>(ReadOnlySpan<byte> entries, int at)
        where TRecord : class, IPackedRecord<TRecord> =>
        new(KeyAt(entries, at), TRecord.Unpack(RecordAt(entries, at)), FirstAt(entries, at));

    /// <summary>Every entry of <paramref name="entries"/>, unpacked.</summary>
    public static List<IndexEntry<TRecord>> Unpack<TRecord>(byte[] entries)
        where TRecord : class, IPackedRecord<TRecord>
    {
        var unpacked = new List<IndexEntry<TRecord>>();
        for (var at = 0; at < entries.Length; at += LengthAt(entries, at))
        {
            unpacked.Add(EntryAt<TRecord>(entries, at));
        }

        return unpacked;
    }

    private static void Write(ArrayBufferWriter<byte> page, BlockKey key, bool first, ReadOnlySpan<byte> record)
    {
        if (record.Length > ushort.MaxValue || key.Kind > 127)
        {
            throw new InvalidDataException($"an index entry of a {record.Length:N0}-byte record under a key of kind {(int)key.Kind} cannot be packed");
        }

        var span = page.GetSpan(HeaderLength + record.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(span, key.Hash);
        span[8] = (byte)key.Kind;
        span[9] = first ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt16LittleEndian(span[10..], (ushort)record.Length);
        record.CopyTo(span[HeaderLength..]);
        page.Advance(HeaderLength + record.Length);
    }
}
