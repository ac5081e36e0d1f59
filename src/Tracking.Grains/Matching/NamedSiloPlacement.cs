using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace Tracking.Grains.Matching;

/// <summary>
/// A grain keyed by a silo's address (<see cref="SiloAddress.ToParsableString"/>) goes to that
/// silo: a match filer works beside the shards of its silo. Should that silo be gone, or the key
/// name none, the grain goes to the calling silo and works from there, across the wire.
/// </summary>
public sealed class NamedSiloPlacement : PlacementStrategy
{
    internal static NamedSiloPlacement Instance { get; } = new();
}

/// <summary>The grain is placed by <see cref="NamedSiloPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class NamedSiloPlacementAttribute() : PlacementAttribute(NamedSiloPlacement.Instance);

/// <summary>Places a grain by <see cref="NamedSiloPlacement"/>.</summary>
public sealed class NamedSiloPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target);
        var named = Named(target.GrainIdentity.Key.ToString());
        return Task.FromResult(named is not null && silos.Contains(named) ? named : Caller(silos, context));
    }

    /// <summary>The calling silo, if it can host the grain; else the first that can.</summary>
    internal static SiloAddress Caller(SiloAddress[] silos, IPlacementContext context) => silos.Contains(context.LocalSilo) ? context.LocalSilo : silos[0];

    private static SiloAddress? Named(string? key)
    {
        try
        {
            return key is null ? null : SiloAddress.FromParsableString(key);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
