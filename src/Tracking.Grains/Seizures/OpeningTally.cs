namespace Tracking.Grains.Seizures;

/// <summary>The counts of a run of openings as they happen: read while it runs by whoever watches it.</summary>
public sealed class OpeningTally
{
    private readonly List<string> _refused = [];
    private int _candidates;
    private int _opened;
    private int _alreadyOpen;

    internal void Begin(int candidates) => Volatile.Write(ref _candidates, candidates);

    internal void Add(SeizureOpening opening) => Interlocked.Increment(ref opening.New ? ref _opened : ref _alreadyOpen);

    internal void Refuse(string why)
    {
        lock (_refused)
        {
            _refused.Add(why);
        }
    }

    /// <summary>So far: the refusals in order of what they were for.</summary>
    public SeizeSummary Summary()
    {
        lock (_refused)
        {
            return new SeizeSummary(Volatile.Read(ref _candidates), Volatile.Read(ref _opened), Volatile.Read(ref _alreadyOpen), [.. _refused.Order(StringComparer.Ordinal)]);
        }
    }
}
