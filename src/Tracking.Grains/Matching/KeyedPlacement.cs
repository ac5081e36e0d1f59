using System.Globalization;
using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace Tracking.Grains.Matching;

/// <summary>
/// The grain's key names its silo. A number: the silo at that number, modulo their count, in
/// address order, so the match shards spread evenly over the silos (Orleans' default placement
/// keeps a grain beside its caller while the silos' loads are close, which put every shard on the
/// silo running the sweep). A silo's address (<see cref="SiloAddress.ToParsableString"/>): that
/// silo, so a match filer works beside its silo's shards. Anything else, or a silo that is gone:
/// the calling silo.
/// </summary>
public sealed class KeyedPlacement : PlacementStrategy
{
    internal static KeyedPlacement Instance { get; } = new();
}

/// <summary>The grain is placed by <see cref="KeyedPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class KeyedPlacementAttribute() : PlacementAttribute(KeyedPlacement.Instance);

/// <summary>Places a grain by <see cref="KeyedPlacement"/>.</summary>
public sealed class KeyedPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target);
        var key = target.GrainIdentity.Key.ToString();
        if (int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            // In order without sorting the array in place: it is Orleans' own.
            return Task.FromResult(silos.Order().ElementAt(number % silos.Length));
        }

        return Task.FromResult(Named(key) is { } named && silos.Contains(named) ? named : silos.Contains(context.LocalSilo) ? context.LocalSilo : silos[0]);
    }

    private static SiloAddress? Named(string key)
    {
        try
        {
            return SiloAddress.FromParsableString(key);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
