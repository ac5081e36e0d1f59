namespace Tracking.Runtime.Placement;

/// <summary>
/// Rendezvous (highest random weight) hashing: every silo computes the same owner for a partition
/// from the same list of live silos, with no leader, and a joining or leaving silo moves only the
/// partitions it wins or held.
/// </summary>
public static class Rendezvous
{
    public static string? Owner(int partition, IReadOnlyList<string> silos)
    {
        string? best = null;
        var bestWeight = 0UL;
        foreach (var silo in silos)
        {
            var weight = StableHash.Of(silo, partition);
            if (best is null || weight > bestWeight || (weight == bestWeight && string.CompareOrdinal(silo, best) < 0))
            {
                (best, bestWeight) = (silo, weight);
            }
        }

        return best;
    }
}
