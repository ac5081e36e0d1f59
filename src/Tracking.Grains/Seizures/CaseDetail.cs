using Tracking.Domain.Seizures;

namespace Tracking.Grains.Seizures;

/// <summary>A case in full: the seizure now, its whole history, and the documents it issued.</summary>
public sealed record CaseDetail(SeizureView Seizure, IReadOnlyList<SeizureHistoryEntry> History)
{
    public IReadOnlyList<SeizureDocument> Documents => History.Select(e => e.Event.Document).OfType<SeizureDocument>().ToArray();
}
