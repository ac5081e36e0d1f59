using System.Collections.Concurrent;

namespace Tracking.Grains.Matching;

/// <summary>
/// One string for each exchange's name among the accounts the index holds: millions of accounts,
/// a handful of exchanges. <see cref="string.Intern"/> did this through the runtime's one table
/// and its lock, which the threads filing a sweep's index queued on (about a twentieth of its CPU).
/// </summary>
internal static class ExchangeNames
{
    /// <summary>More names than any office deals with: past it, a name is kept as it came, not shared.</summary>
    private const int MostShared = 256;

    private static readonly ConcurrentDictionary<string, string> s_names = new(StringComparer.Ordinal);

    public static string Shared(string name) =>
        s_names.TryGetValue(name, out var shared) ? shared
        : s_names.Count < MostShared ? s_names.GetOrAdd(name, name)
        : name;
}
