using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Tracking.Domain.Identity;

namespace Tracking.Grains.Matching;

/// <summary>
/// A record's fields packed as bytes (<see cref="IPackedRecord{TSelf}"/>): a text as its UTF-8
/// length in two bytes (all ones for none) and its bytes; an RRN's keyed hash (lower-case hex) as
/// the bytes it spells, half its length, their count flagged by the length's high bit; a birth date
/// in five bytes (whether there is one, the century or all ones, the year of the century, the
/// month, the day). Read back by <see cref="PackedFieldReader"/>.
/// </summary>
public static class PackedFields
{
    /// <summary>The longest text a field holds, in bytes: far past any name, phone or id an import lets in.</summary>
    private const int MostTextBytes = Hex - 2;

    internal const ushort NoText = ushort.MaxValue;
    internal const ushort Hex = 0x8000;
    internal const byte NoCentury = byte.MaxValue;

    private static readonly SearchValues<char> s_lowerHex = SearchValues.Create("0123456789abcdef");

    /// <summary>A person's matched fields as both sides' records pack them, the record's id first.</summary>
    public static void WriteIdentity(IBufferWriter<byte> writer, string id, string? name, BirthDate? birth, string? phone, string? rrnHash)
    {
        Write(writer, id);
        Write(writer, name);
        Write(writer, birth);
        Write(writer, phone);
        WriteHashOrText(writer, rrnHash);
    }

    /// <summary>A hash in lower-case hex as its bytes (64 characters, 32 bytes: a taxpayer's entries are a third smaller); any other text as text.</summary>
    private static void WriteHashOrText(IBufferWriter<byte> writer, string? text)
    {
        if (text is not { Length: > 0 and <= 2 * MostTextBytes } || text.Length % 2 != 0 || text.AsSpan().ContainsAnyExcept(s_lowerHex))
        {
            Write(writer, text);
            return;
        }

        var length = text.Length / 2;
        var span = writer.GetSpan(2 + length);
        BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)(Hex | length));
        Convert.FromHexString(text, span.Slice(2, length), out _, out _);
        writer.Advance(2 + length);
    }

    private static void Write(IBufferWriter<byte> writer, string? text)
    {
        if (text is null)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(writer.GetSpan(2), NoText);
            writer.Advance(2);
            return;
        }

        var length = Encoding.UTF8.GetByteCount(text);
        if (length > MostTextBytes)
        {
            // Not the text itself: it may be a person's name.
            throw new InvalidDataException($"a matched field of {length:N0} bytes cannot be indexed (at most {MostTextBytes:N0})");
        }

        var span = writer.GetSpan(2 + length);
        BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)length);
        Encoding.UTF8.GetBytes(text, span[2..]);
        writer.Advance(2 + length);
    }

    private static void Write(IBufferWriter<byte> writer, BirthDate? birth)
    {
        var span = writer.GetSpan(5);
        if (birth is { } b)
        {
            (span[0], span[1], span[2], span[3], span[4]) = (1, b.Century is { } century ? checked((byte)century) : NoCentury, checked((byte)b.YearOfCentury), checked((byte)b.Month), checked((byte)b.Day));
        }
        else
        {
            span[..5].Clear();
        }

        writer.Advance(5);
    }
}

/// <summary>Reads, in the order they were written, the fields <see cref="PackedFields"/> packed.</summary>
public ref struct PackedFieldReader
{
    private ReadOnlySpan<byte> _rest;

    private PackedFieldReader(ReadOnlySpan<byte> packed) => _rest = packed;

    /// <summary>The UTF-8 bytes of the text packed first in <paramref name="packed"/> (a record's id), not decoded.</summary>
    public static ReadOnlySpan<byte> FirstText(ReadOnlySpan<byte> packed) => packed.Slice(2, BinaryPrimitives.ReadUInt16LittleEndian(packed));

    /// <summary>The fields <see cref="PackedFields.WriteIdentity"/> packed.</summary>
    public static (string Id, string? Name, BirthDate? Birth, string? Phone, string? RrnHash) Identity(ReadOnlySpan<byte> packed)
    {
        var fields = new PackedFieldReader(packed);
        return (fields.Text()!, fields.Text(), fields.Birth(), fields.Text(), fields.Text());
    }

    private string? Text()
    {
        var length = BinaryPrimitives.ReadUInt16LittleEndian(_rest);
        if (length == PackedFields.NoText)
        {
            _rest = _rest[2..];
            return null;
        }

        var hex = (length & PackedFields.Hex) != 0;
        var bytes = _rest.Slice(2, length & ~PackedFields.Hex);
        _rest = _rest[(2 + bytes.Length)..];
        return hex ? Convert.ToHexStringLower(bytes) : Encoding.UTF8.GetString(bytes);
    }

    private BirthDate? Birth()
    {
        var span = _rest[..5];
        _rest = _rest[5..];
        return span[0] == 0 ? null : new BirthDate(span[1] == PackedFields.NoCentury ? null : span[1], span[2], span[3], span[4]);
    }
}
