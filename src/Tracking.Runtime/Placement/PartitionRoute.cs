namespace Tracking.Runtime.Placement;

/// <summary>Where a call for a partition goes right now.</summary>
internal readonly record struct PartitionRoute(PartitionRouteKind Kind, Uri? Address = null)
{
    public static readonly PartitionRoute Local = new(PartitionRouteKind.Local);

    public static readonly PartitionRoute Wait = new(PartitionRouteKind.Wait);
}

internal enum PartitionRouteKind
{
    /// <summary>This silo holds the lease: run the call here.</summary>
    Local,

    /// <summary>Another silo holds it (or, for a client, any silo will forward it).</summary>
    Remote,

    /// <summary>The partition is moving (draining here, free, or its lease is being renewed): wait and ask again.</summary>
    Wait,
}
