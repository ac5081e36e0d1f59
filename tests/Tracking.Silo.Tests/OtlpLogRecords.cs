using System.Text;

namespace Tracking.Silo.Tests;

/// <summary>
/// The log records of OTLP ExportLogsServiceRequest bodies: each one's text and whether it carries
/// a trace id. Reads just the protobuf fields it needs (resource_logs 1 → scope_logs 2 →
/// log_records 2 → body 5 (AnyValue string_value 1), trace_id 9), skipping all others.
/// </summary>
public static class OtlpLogRecords
{
    public sealed record Record(string Body, bool HasTraceId);

    public static IEnumerable<Record> Read(byte[] request) =>
        Fields(request, 1).SelectMany(resource => Fields(resource, 2)).SelectMany(scope => Fields(scope, 2)).Select(record => new Record(
            Fields(record, 5).SelectMany(body => Fields(body, 1)).Select(text => Encoding.UTF8.GetString(text)).FirstOrDefault() ?? "",
            Fields(record, 9).Any(id => id.Length == 16 && id.Any(b => b != 0))));

    /// <summary>The length-delimited fields numbered <paramref name="number"/> of a message; other fields are skipped by their wire type.</summary>
    private static List<byte[]> Fields(byte[] message, int number)
    {
        var found = new List<byte[]>();
        var at = 0;
        while (at < message.Length)
        {
            var key = Varint(message, ref at);
            var (field, wireType) = ((int)(key >> 3), (int)(key & 7));
            switch (wireType)
            {
                case 0:
                    Varint(message, ref at);
                    break;
                case 1:
                    at += 8;
                    break;
                case 2:
                    var length = (int)Varint(message, ref at);
                    if (field == number)
                    {
                        found.Add(message[at..(at + length)]);
                    }

                    at += length;
                    break;
                case 5:
                    at += 4;
                    break;
                default:
                    throw new InvalidDataException($"wire type {wireType} at byte {at}");
            }
        }

        return found;
    }

    private static ulong Varint(byte[] bytes, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
