namespace Tracking.Grains.Matching;

/// <summary>Index entries grouped by a number worked out from their key (a silo's, a shard's).</summary>
internal static class EntryGroups
{
    /// <summary>
    /// The entries in <paramref name="groups"/> arrays, each in the entries' order: counted, then
    /// placed. A page holds tens of thousands of entries for a few dozen groups at most, so a
    /// general group-by's lists and their growth would cost more than the grouping.
    /// </summary>
    public static IndexEntry<TRecord>[][] By<TRecord>(IReadOnlyList<IndexEntry<TRecord>> entries, int groups, Func<BlockKey, int> groupOf)
        where TRecord : class
    {
        var of = new int[entries.Count];
        var counts = new int[groups];
        for (var i = 0; i < of.Length; i++)
        {
            counts[of[i] = groupOf(entries[i].Key)]++;
        }

        var grouped = counts.Select(count => new IndexEntry<TRecord>[count]).ToArray();
        Array.Clear(counts);
        for (var i = 0; i < of.Length; i++)
        {
            grouped[of[i]][counts[of[i]]++] = entries[i];
        }

        return grouped;
    }
}
