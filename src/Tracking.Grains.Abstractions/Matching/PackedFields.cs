using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Tracking.Domain.Identity;

namespace Tracking.Grains.Matching;

/// <summary>
/// A record's fields packed as bytes (<see cref="IPackedRecord{TSelf}"/>): a text as its UTF-8
/// length in two bytes (all ones for none) and its bytes; a birth date in five bytes (whether there
/// is one, the century or all ones, the year of the century, the month, the day). Read back by
/// <see cref="PackedFieldReader"/>.
/// </summary>
public static class PackedFields
{
    /// <summary>The longest text a field holds, in UTF-8 bytes: far past any name, phone or id an import lets in.</summary>
    private const int MostTextBytes = ushort.MaxValue - 1;

    internal const ushort NoText = ushort.MaxValue;
    internal const byte NoCentury = byte.MaxValue;

    /// <summary>A person's matched fields as both sides' records pack them, the record's id first.</summary>
    public static void WriteIdentity(IBufferWriter<byte> writer, string id, string? name, BirthDate? birth, string? phone, string? rrnHash)
    {
        Write(writer, id);
        Write(writer, name);
        Write(writer, birth);
        Write(writer, phone);
        Write(writer, rrnHash);
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

        var text = Encoding.UTF8.GetString(_rest.Slice(2, length));
        _rest = _rest[(2 + length)..];
        return text;
    }

    private BirthDate? Birth()
    {
        var span = _rest[..5];
        _rest = _rest[5..];
        return span[0] == 0 ? null : new BirthDate(span[1] == PackedFields.NoCentury ? null : span[1], span[2], span[3], span[4]);
    }
}
