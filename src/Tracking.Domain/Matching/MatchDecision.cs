namespace Tracking.Domain.Matching;

public enum MatchDecision
{
    /// <summary>Strong, consistent evidence: ready for seizure without a person looking.</summary>
    Auto,

    /// <summary>Plausible but not proven: waits in the review queue for an officer.</summary>
    Review,
}
