using Tracking.Grains.Operations;

namespace Tracking.Silo.Telemetry;

/// <summary>Looks at the cluster again and again, keeping the last look so that the next one has rates.</summary>
public sealed class ClusterMonitor(IGrainFactory grains)
{
    private readonly Lock _gate = new();
    private Dictionary<string, SiloFigures> _previous = [];

    /// <param name="askSilos">Ask each live silo for its figures; without, the view is the membership's alone.</param>
    public async Task<ClusterView> LookAsync(bool askSilos, CancellationToken cancellationToken) =>
        Remember(await grains.GetGrain<IClusterGrain>(0).LookAsync(askSilos, cancellationToken));

    /// <summary>Rates against the previous look at the same silo; this look becomes the previous one.</summary>
    private ClusterView Remember(ClusterView view)
    {
        lock (_gate)
        {
            var previous = _previous;
            _previous = view.Silos.Where(s => s.Figures is not null).ToDictionary(s => s.Address, s => s.Figures!);
            return view with
            {
                Silos = [.. view.Silos.Select(s => s.Figures is { } now && previous.TryGetValue(s.Address, out var before) ? s with { Rates = SiloRates.Between(before, now) } : s)],
            };
        }
    }
}
