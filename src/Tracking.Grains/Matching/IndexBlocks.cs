using System.Runtime.InteropServices;

namespace Tracking.Grains.Matching;

/// <summary>
/// One side of a shard's index, its taxpayers' or its accounts' entries: all in one list, each
/// block a chain through that list from the block's latest entry. Beyond the records an entry
/// costs about 60 bytes here, where a list and an object per entry cost over two hundred: most
/// blocks hold one or two entries, and at national scale there are tens of millions.
/// </summary>
internal sealed class IndexBlocks<TRecord>
    where TRecord : class
{
    private const int End = -1;

    private readonly Dictionary<ulong, int> _latest = [];

    // A slot taken out holds no record: a revision takes out few, so slots are reclaimed only once
    // most are empty (an index kept for hours can be revised many times).
    private readonly List<IndexEntry<TRecord>> _entries = [];
    private readonly List<int> _earlier = [];
    private int _empty;

    /// <summary>The keys of the blocks that hold an entry.</summary>
    public IEnumerable<ulong> Keys => _latest.Keys;

    /// <summary>Every entry held.</summary>
    public IEnumerable<IndexEntry<TRecord>> Entries => _entries.Where(e => e.Record is not null);

    public void Add(IndexEntry<TRecord> entry)
    {
        ref var latest = ref CollectionsMarshal.GetValueRefOrAddDefault(_latest, entry.Key.Hash, out var exists);
        _earlier.Add(exists ? latest : End);
        latest = _entries.Count;
        _entries.Add(entry);
    }

    public bool Contains(ulong key) => _latest.ContainsKey(key);

    /// <summary>The block's key as filed (with its rule); null for a key that holds nothing.</summary>
    public BlockKey? KeyOf(ulong key) => _latest.TryGetValue(key, out var latest) ? _entries[latest].Key : null;

    /// <summary>Puts the records filed under <paramref name="key"/> into <paramref name="block"/> (emptied first), the latest first.</summary>
    public List<TRecord> Block(ulong key, List<TRecord> block)
    {
        block.Clear();
        for (var i = _latest.GetValueOrDefault(key, End); i != End; i = _earlier[i])
        {
            block.Add(_entries[i].Record);
        }

        return block;
    }

    public int CountOf(ulong key)
    {
        var count = 0;
        for (var i = _latest.GetValueOrDefault(key, End); i != End; i = _earlier[i])
        {
            count++;
        }

        return count;
    }

    /// <summary>Takes out every entry <paramref name="taken"/> says so of, in one pass over all blocks.</summary>
    public void TakeOut(Func<IndexEntry<TRecord>, bool> taken)
    {
        foreach (var key in _latest.Keys)
        {
            ref var latest = ref CollectionsMarshal.GetValueRefOrNullRef(_latest, key);
            int first = End, last = End;
            for (int i = latest, earlier; i != End; i = earlier)
            {
                earlier = _earlier[i];
                if (taken(_entries[i]))
                {
                    _entries[i] = default;
                    _empty++;
                }
                else if (last == End)
                {
                    (first, last) = (i, i);
                }
                else
                {
                    _earlier[last] = i;
                    last = i;
                }
            }

            if (first == End)
            {
                // Removing while enumerating a dictionary's keys is allowed (it does not invalidate them).
                _latest.Remove(key);
            }
            else
            {
                _earlier[last] = End;
                latest = first;
            }
        }

        if (_empty > _entries.Count / 2)
        {
            // Filed again in the order they were filed, each block keeps its order.
            var held = Entries.ToArray();
            Clear();
            Array.ForEach(held, Add);
        }
    }

    public void Clear()
    {
        _latest.Clear();
        _entries.Clear();
        _earlier.Clear();
        _empty = 0;
    }
}
