using System.Security.Cryptography;

namespace Tracking.Ingest.Files;

/// <summary>
/// Every distinct RRN of a file read and hashed once, on every core, ahead of the rows: the keyed
/// hash is the costliest part of reading a roll. Each row is then told what was wrong with its own.
/// </summary>
internal sealed class RrnReadings
{
    private readonly Dictionary<string, (ProtectedRrn? Rrn, string? Problem)> _read;

    private RrnReadings(Dictionary<string, (ProtectedRrn?, string?)> read) => _read = read;

    public static RrnReadings Of(IEnumerable<string?> texts, ReadOnlySpan<byte> key)
    {
        var copy = key.ToArray();
        try
        {
            return new(texts.OfType<string>().AsParallel().Distinct(StringComparer.Ordinal).ToDictionary(
                text => text,
                text =>
                {
                    string? problem = null;
                    return (IdentityFields.Rrn(text, copy, told => problem = told), problem);
                },
                StringComparer.Ordinal));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(copy);
        }
    }

    /// <summary>As <see cref="IdentityFields.Rrn"/> reads <paramref name="text"/>.</summary>
    public ProtectedRrn? Read(string? text, Action<string> warn)
    {
        if (text is null || !_read.TryGetValue(text, out var read))
        {
            return null;
        }

        if (read.Problem is { } problem)
        {
            warn(problem);
        }

        return read.Rrn;
    }
}
