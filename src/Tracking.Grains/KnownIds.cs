using System.Collections.Concurrent;

namespace Tracking.Grains;

/// <summary>
/// Ids the store has answered for, per kind: a taxpayer or a case once stored is never deleted, so
/// a process asks the store about each once. Bounded: when full it starts again empty (the store is
/// asked again), so an attacker's guesses, which are never added, and a long run cost no more than
/// its capacity in entries.
/// </summary>
public sealed class KnownIds(int capacity = KnownIds.DefaultCapacity)
{
    public const int DefaultCapacity = 200_000;

    private ConcurrentDictionary<(string Kind, string Id), byte> _ids = new();

    // Counted here: a dictionary's own Count takes every one of its locks.
    private int _count;

    public async Task<bool> ExistsAsync(string kind, string id, Func<Task<bool>> askStore)
    {
        if (_ids.ContainsKey((kind, id)))
        {
            return true;
        }

        if (!await askStore())
        {
            return false;
        }

        if (Interlocked.Increment(ref _count) > capacity)
        {
            (_ids, _count) = (new(), 1);
        }

        _ids.TryAdd((kind, id), 0);
        return true;
    }
}
