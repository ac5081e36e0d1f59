using Tracking.Runtime.Persistence;
using Tracking.Runtime.Views;

namespace Tracking.Runtime.Transport;

/// <summary>A batch of new grains of one type for the silo that holds their partitions (bulk loads go one batch per owner, not one call per grain).</summary>
public sealed record RemoteCreations(string GrainType, IReadOnlyList<RemoteCreation> Creations);

public sealed record RemoteCreation(string Key, string State, IReadOnlyList<EventRecord> Events, IReadOnlyList<ViewRow>? Views);

/// <summary>One outcome per creation, in order.</summary>
public sealed record RemoteCreationReply(IReadOnlyList<CreationOutcome> Outcomes);

public enum CreationOutcome
{
    Created,

    /// <summary>The grain already existed; nothing was written.</summary>
    Existed,

    /// <summary>The receiver does not hold the grain's partition; send it to the owner.</summary>
    Moved,
}
