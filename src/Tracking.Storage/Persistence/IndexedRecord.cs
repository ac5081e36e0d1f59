using System.Data.Common;

namespace Tracking.Storage.Persistence;

/// <summary>A stored grain's key and the matched fields written with its state (<see cref="StateWrite.Indexed"/>; null for none).</summary>
public sealed record IndexedRecord(string Key, string? Indexed)
{
    /// <summary>Rows of a key and its matched fields, handed on <paramref name="pageSize"/> at a time.</summary>
    internal static async Task<long> PagesAsync(DbDataReader reader, int pageSize, Func<IReadOnlyList<IndexedRecord>, Task> page, CancellationToken cancellationToken)
    {
        var rows = 0L;
        var current = new List<IndexedRecord>(pageSize);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            current.Add(new IndexedRecord(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
            rows++;
            if (current.Count == pageSize)
            {
                await page(current).ConfigureAwait(false);
                current = new List<IndexedRecord>(pageSize);
            }
        }

        if (current.Count > 0)
        {
            await page(current).ConfigureAwait(false);
        }

        return rows;
    }
}
