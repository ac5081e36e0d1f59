using System.Runtime.InteropServices;

namespace Tracking.Grains.Matching;

/// <summary>
/// One side of a shard's index, its taxpayers' or its accounts' entries: all in one run of slots,
/// each block a chain through them from the block's latest entry. Beyond the records an entry
/// costs about 60 bytes here, where a list and an object per entry cost over two hundred: most
/// blocks hold one or two entries, and at national scale there are tens of millions.
/// </summary>
internal sealed class IndexBlocks<TRecord>
    where TRecord : class
{
    private const int End = -1;

    // Slots are kept in chunks of this many (320 KB each, in the large-object heap), which are
    // never copied: a list grown by doubling left its every earlier array behind as garbage.
    private const int ChunkShift = 13;
    private const int ChunkSize = 1 << ChunkShift;

    private readonly Dictionary<ulong, int> _latest = [];

    // A slot taken out holds no record: a revision takes out few, so slots are reclaimed only once
    // most are empty (an index kept for hours can be revised many times).
    private readonly List<Slot[]> _chunks = [];
    private int _count;
    private int _empty;

    /// <summary>The keys of the blocks that hold an entry.</summary>
    public IEnumerable<ulong> Keys => _latest.Keys;

    /// <summary>Every entry held.</summary>
    public IEnumerable<IndexEntry<TRecord>> Entries
    {
        get
        {
            for (var i = 0; i < _count; i++)
            {
                if (At(i).Entry is { Record: not null } entry)
                {
                    yield return entry;
                }
            }
        }
    }

    public void Add(IndexEntry<TRecord> entry)
    {
        ref var latest = ref CollectionsMarshal.GetValueRefOrAddDefault(_latest, entry.Key.Hash, out var exists);
        if (_count == _chunks.Count * ChunkSize)
        {
            _chunks.Add(new Slot[ChunkSize]);
        }

        At(_count) = new Slot(entry, exists ? latest : End);
        latest = _count++;
    }

    public bool Contains(ulong key) => _latest.ContainsKey(key);

    /// <summary>The block's key as filed (with its rule); null for a key that holds nothing.</summary>
    public BlockKey? KeyOf(ulong key) => _latest.TryGetValue(key, out var latest) ? At(latest).Entry.Key : null;

    /// <summary>Puts the records filed under <paramref name="key"/> into <paramref name="block"/> (emptied first), the latest first.</summary>
    public List<TRecord> Block(ulong key, List<TRecord> block)
    {
        block.Clear();
        for (var i = _latest.GetValueOrDefault(key, End); i != End; i = At(i).Earlier)
        {
            block.Add(At(i).Entry.Record);
        }

        return block;
    }

    public int CountOf(ulong key)
    {
        var count = 0;
        for (var i = _latest.GetValueOrDefault(key, End); i != End; i = At(i).Earlier)
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
                earlier = At(i).Earlier;
                if (taken(At(i).Entry))
                {
                    At(i).Entry = default;
                    _empty++;
                }
                else if (last == End)
                {
                    (first, last) = (i, i);
                }
                else
                {
                    At(last).Earlier = i;
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
                At(last).Earlier = End;
                latest = first;
            }
        }

        if (_empty > _count / 2)
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
        _chunks.Clear();
        (_count, _empty) = (0, 0);
    }

    private ref Slot At(int index) => ref _chunks[index >> ChunkShift][index & (ChunkSize - 1)];

    /// <summary>An entry, and the slot of the entry filed under the same key before it (or <see cref="End"/>).</summary>
    private struct Slot(IndexEntry<TRecord> entry, int earlier)
    {
        public IndexEntry<TRecord> Entry = entry;
        public int Earlier = earlier;
    }
}
