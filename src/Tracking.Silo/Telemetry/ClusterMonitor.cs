using System.Net;
using System.Net.Http.Json;
using Tracking.Runtime.Diagnostics;
using Tracking.Runtime.Membership;

namespace Tracking.Silo.Telemetry;

/// <summary>
/// Looks at the cluster as the store records it and asks each silo for its metrics over the silo
/// transport's address (HTTP/2), keeping the last look so that the next one has rates. A silo
/// alone on its store is looked at through <paramref name="local"/>.
/// </summary>
public sealed class ClusterMonitor(Runtime.Hosting.Silo silo, Func<MetricsSnapshot>? local = null) : IDisposable
{
    /// <summary>Where each silo serves its metrics as JSON.</summary>
    public const string MetricsPath = "/metrics.json";

    private static readonly TimeSpan s_askTimeout = TimeSpan.FromSeconds(5);

    private readonly HttpClient _http = new(new SocketsHttpHandler())
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = s_askTimeout,
    };

    private readonly Lock _gate = new();
    private Dictionary<string, SiloFigures> _previous = [];

    /// <param name="askSilos">Ask each live silo for its figures; without, the view is the store's alone.</param>
    public async Task<ClusterView> LookAsync(bool askSilos, CancellationToken cancellationToken)
    {
        if (silo.ClusterId is null)
        {
            var figures = askSilos ? SiloFigures.Of(local?.Invoke() ?? throw new InvalidOperationException("A silo alone on its store is looked at through its own metrics."), RuntimeTelemetry.LocalSilo) : null;
            var partitions = silo.HeldPartitions.Count;
            return Remember(new ClusterView(DateTimeOffset.UtcNow, [new SiloView(RuntimeTelemetry.LocalSilo, "", "active", true, 0, partitions, silo.ActivationCount, figures, null, null)], partitions, 0));
        }

        var snapshot = await silo.ReadClusterAsync(cancellationToken).ConfigureAwait(false);
        var timeout = silo.Options.Cluster.SiloTimeout;
        var held = snapshot.Leases.Where(l => !l.IsFree).ToLookup(l => l.Owner!);
        var silos = await Task.WhenAll(snapshot.Silos
            .Where(s => s.Status != SiloMemberStatus.Left || held[s.Id].Any())
            .Select(async s =>
            {
                var alive = s.Status != SiloMemberStatus.Left && s.SinceHeartbeat < timeout;
                var (figures, unreachable) = !askSilos ? (null, null) : alive ? await AskAsync(s, cancellationToken).ConfigureAwait(false) : (null, "not alive");
                return new SiloView(s.Id, s.Address.ToString(), s.Status.ToString().ToLowerInvariant(), alive, Math.Round(s.SinceHeartbeat.TotalSeconds, 1), held[s.Id].Count(), s.Activations, figures, null, unreachable);
            })).ConfigureAwait(false);
        return Remember(new ClusterView(DateTimeOffset.UtcNow, silos, snapshot.Leases.Count, snapshot.Leases.Count(l => l.IsFree)));
    }

    public void Dispose() => _http.Dispose();

    private async Task<(SiloFigures?, string?)> AskAsync(SiloEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            var metrics = await _http.GetFromJsonAsync(new Uri(entry.Address, MetricsPath), TelemetryJsonContext.Default.MetricsSnapshot, cancellationToken).ConfigureAwait(false);
            return (SiloFigures.Of(metrics!, entry.Id), null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !cancellationToken.IsCancellationRequested)
        {
            return (null, ex.Message);
        }
    }

    /// <summary>Rates against the previous look at the same silo; this look becomes the previous one.</summary>
    private ClusterView Remember(ClusterView view)
    {
        lock (_gate)
        {
            var previous = _previous;
            _previous = view.Silos.Where(s => s.Figures is not null).ToDictionary(s => s.Id, s => s.Figures!);
            return view with
            {
                Silos = view.Silos
                    .Select(s => s.Figures is { } now && previous.TryGetValue(s.Id, out var before) ? s with { Rates = SiloRates.Between(before, now) } : s)
                    .ToArray(),
            };
        }
    }
}
