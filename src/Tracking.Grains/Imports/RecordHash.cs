using System.IO.Hashing;
using System.Runtime.InteropServices;
using Tracking.Storage.Persistence;

namespace Tracking.Grains.Imports;

/// <summary>
/// A record's hash (<see cref="StateWrite.RecordHash"/>): of the events a grain that never saw it
/// would take it in as, each event's type and JSON. Those state the record whole and nothing else (no
/// time, no version), and are made anyway to create it; should their form change in a later build, an
/// import finds the hashes differ and reads the grains, as without them.
/// </summary>
internal static class RecordHash
{
    // One per thread, reset for each record: a new one is 568 bytes, 2.4 GB over the 4.3 million records of a 1M import.
    [ThreadStatic]
    private static XxHash3? t_hash;

    public static long Of(IReadOnlyList<EventRecord> creation)
    {
        var hash = t_hash ??= new XxHash3();
        hash.Reset();
        Span<byte> length = stackalloc byte[sizeof(int)];
        foreach (var e in creation)
        {
            Append(hash, e.Type, length);
            Append(hash, e.Json, length);
        }

        return unchecked((long)hash.GetCurrentHashAsUInt64());
    }

    // Each text after its length, so that no two lists of texts run together into the same bytes.
    private static void Append(XxHash3 hash, string text, Span<byte> length)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(length, text.Length);
        hash.Append(length);
        hash.Append(MemoryMarshal.AsBytes(text.AsSpan()));
    }
}
