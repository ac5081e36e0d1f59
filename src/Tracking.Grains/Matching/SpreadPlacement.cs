using System.Globalization;
using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace Tracking.Grains.Matching;

/// <summary>
/// A grain keyed by a number goes to the silo at that number, modulo their count, in address
/// order: the match shards spread evenly over the silos. Orleans' default (resource-optimised)
/// placement keeps a grain on its caller's silo while the silos' loads are close, which put every
/// shard on the silo that runs the sweep and left the others idle.
/// </summary>
public sealed class SpreadPlacement : PlacementStrategy
{
    internal static SpreadPlacement Instance { get; } = new();
}

/// <summary>The grain is placed by <see cref="SpreadPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SpreadPlacementAttribute() : PlacementAttribute(SpreadPlacement.Instance);

/// <summary>Places a grain by <see cref="SpreadPlacement"/>; one whose key is not a number, on the calling silo.</summary>
public sealed class SpreadPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target);
        if (!int.TryParse(target.GrainIdentity.Key.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return Task.FromResult(NamedSiloPlacementDirector.Caller(silos, context));
        }

        Array.Sort(silos);
        return Task.FromResult(silos[number % silos.Length]);
    }
}
