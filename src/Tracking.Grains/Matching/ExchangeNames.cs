using System.Collections.Concurrent;

namespace Tracking.Grains.Matching;

/// <summary>
/// One string for each exchange's name among the accounts the index holds: millions of accounts,
/// a handful of exchanges. <see cref="string.Intern"/> did this through the runtime's one table
/// and its lock, which the threads filing a sweep's index queued on (about a twentieth of its CPU).
/// </summary>
internal static class ExchangeNames
{
    /// <summary>More names than any office deals with: past it (give or take the threads adding at that moment), a name is kept as it came, not shared.</summary>
    private const int MostShared = 256;

    private static readonly ConcurrentDictionary<string, string> s_names = new(StringComparer.Ordinal);

    // Counted apart: the dictionary's Count takes every lock it has.
    private static int s_count;

    public static string Shared(string name)
    {
        if (s_names.TryGetValue(name, out var shared))
        {
            return shared;
        }

        if (Volatile.Read(ref s_count) >= MostShared)
        {
            return name;
        }

        if (s_names.TryAdd(name, name))
        {
            Interlocked.Increment(ref s_count);
            return name;
        }

        return s_names[name];
    }
}
