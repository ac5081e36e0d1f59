using System.Runtime.InteropServices;
using System.Text;

namespace Tracking.Grains.Matching;

/// <summary>
/// One side of a shard's index, its taxpayers' or its accounts' entries: the pages they came in,
/// kept as they came (<see cref="IndexPage"/>), and a slot for each entry in the order filed, each
/// block a chain through the slots from the block's latest entry. A national index is tens of
/// millions of entries: as bytes in a few arrays the collector neither traces nor moves them one
/// by one, and a record is unpacked only when its block is read.
/// </summary>
internal sealed class IndexBlocks<TRecord>
    where TRecord : class, IPackedRecord<TRecord>
{
    private const int End = -1;

    private readonly Dictionary<ulong, int> _latest = [];
    private readonly List<byte[]> _pages = [];

    // A slot taken out keeps its place (its page -1): a revision takes out few, so slots and pages
    // are reclaimed only once most are empty (an index kept for hours can be revised many times).
    private readonly List<Slot> _slots = [];
    private int _empty;

    /// <summary>The keys of the blocks that hold an entry.</summary>
    public IEnumerable<ulong> Keys => _latest.Keys;

    /// <summary>
    /// How many records the shard owns (filed here under their first key), and the
    /// <paramref name="most"/> of them whose ids hash lowest (<see cref="MatchIndex.Hash(ReadOnlySpan{byte})"/>,
    /// ties by the id's bytes), in that order: as if at random, and the same whatever order they
    /// were filed in. Only those are unpacked.
    /// </summary>
    public (int Count, TRecord[] Lowest) Owned(int most)
    {
        var owned = new List<(uint Hash, int Slot)>();
        for (var i = 0; i < _slots.Count; i++)
        {
            if (_slots[i] is { Page: not End, First: true })
            {
                owned.Add((MatchIndex.Hash(IdOf(i)), i));
            }
        }

        owned.Sort((x, y) => x.Hash != y.Hash ? x.Hash.CompareTo(y.Hash) : IdOf(x.Slot).SequenceCompareTo(IdOf(y.Slot)));
        return (owned.Count, [.. owned.Take(most).Select(o => RecordOf(o.Slot))]);
    }

    /// <summary>Files every entry of a page, in its order.</summary>
    public void File(byte[] entries)
    {
        var page = _pages.Count;
        _pages.Add(entries);
        for (var at = 0; at < entries.Length; at += IndexPages.LengthAt(entries, at))
        {
            var key = IndexPages.KeyAt(entries, at);
            ref var latest = ref CollectionsMarshal.GetValueRefOrAddDefault(_latest, key.Hash, out var exists);
            _slots.Add(new Slot(exists ? latest : End, page, at, key.Kind, IndexPages.FirstAt(entries, at)));
            latest = _slots.Count - 1;
        }
    }

    public bool Contains(ulong key) => _latest.ContainsKey(key);

    /// <summary>The block's key as filed (with its rule); null for a key that holds nothing.</summary>
    public BlockKey? KeyOf(ulong key) => _latest.TryGetValue(key, out var latest) ? new BlockKey(key, _slots[latest].Kind) : null;

    /// <summary>Puts the records filed under <paramref name="key"/> into <paramref name="block"/> (emptied first), the latest first.</summary>
    public List<TRecord> Block(ulong key, List<TRecord> block)
    {
        block.Clear();
        for (var i = _latest.GetValueOrDefault(key, End); i != End; i = _slots[i].Earlier)
        {
            block.Add(RecordOf(i));
        }

        return block;
    }

    public int CountOf(ulong key)
    {
        var count = 0;
        for (var i = _latest.GetValueOrDefault(key, End); i != End; i = _slots[i].Earlier)
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// Takes out every entry of a record whose id is a key of <paramref name="records"/>, handing
    /// each to <paramref name="taken"/> with its value, in one pass over all blocks. Ids are
    /// compared as packed: only the entries taken out are unpacked.
    /// </summary>
    public void TakeOut<TValue>(Dictionary<string, TValue> records, Action<TValue, IndexEntry<TRecord>> taken)
    {
        if (records.Count == 0)
        {
            // A revision of accounts alone passes over no taxpayer's entry, and the other way round.
            return;
        }

        var ids = records.GetAlternateLookup<ReadOnlySpan<char>>();
        var slots = CollectionsMarshal.AsSpan(_slots);
        Span<char> id = stackalloc char[256];
        foreach (var key in _latest.Keys)
        {
            ref var latest = ref CollectionsMarshal.GetValueRefOrNullRef(_latest, key);
            int first = End, last = End;
            for (int i = latest, earlier; i != End; i = earlier)
            {
                earlier = slots[i].Earlier;
                var page = _pages[slots[i].Page];
                if (ids.TryGetValue(IdChars(IndexPages.RecordAt(page, slots[i].At), id), out var value))
                {
                    taken(value, IndexPages.EntryAt<TRecord>(page, slots[i].At));
                    slots[i] = slots[i] with { Page = End };
                    _empty++;
                }
                else if (last == End)
                {
                    (first, last) = (i, i);
                }
                else
                {
                    slots[last] = slots[last] with { Earlier = i };
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
                slots[last] = slots[last] with { Earlier = End };
                latest = first;
            }
        }

        if (_empty > _slots.Count / 2)
        {
            // Filed again, in one page, in the order they were filed: each block keeps its order.
            var held = _slots.Where(s => s.Page != End).ToArray();
            var entries = new byte[held.Sum(s => IndexPages.LengthAt(_pages[s.Page], s.At))];
            var at = 0;
            foreach (var slot in held)
            {
                var length = IndexPages.LengthAt(_pages[slot.Page], slot.At);
                _pages[slot.Page].AsSpan(slot.At, length).CopyTo(entries.AsSpan(at));
                at += length;
            }

            Clear();
            File(entries);
        }
    }

    public void Clear()
    {
        _latest.Clear();
        _pages.Clear();
        _slots.Clear();
        _empty = 0;
    }

    private TRecord RecordOf(int slot) => TRecord.Unpack(IndexPages.RecordAt(_pages[_slots[slot].Page], _slots[slot].At));

    /// <summary>The UTF-8 bytes of the id of the record in <paramref name="slot"/>, packed first.</summary>
    private ReadOnlySpan<byte> IdOf(int slot) => PackedFieldReader.FirstText(IndexPages.RecordAt(_pages[_slots[slot].Page], _slots[slot].At));

    /// <summary>The record's id, decoded into <paramref name="buffer"/> when it fits (ids are short), else into a new array.</summary>
    private static ReadOnlySpan<char> IdChars(ReadOnlySpan<byte> record, Span<char> buffer)
    {
        var id = PackedFieldReader.FirstText(record);
        var chars = id.Length <= buffer.Length ? buffer : new char[id.Length];
        return chars[..Encoding.UTF8.GetChars(id, chars)];
    }

    /// <summary>
    /// An entry: the slot of the one filed before it under its key, where it is (its page -1 once
    /// taken out), and its key's kind and whether that is its record's first key, which sampling
    /// reads for every entry (here beside the chain, not in a page elsewhere in memory).
    /// </summary>
    private readonly record struct Slot(int Earlier, int Page, int At, char Kind, bool First);
}
