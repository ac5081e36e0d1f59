namespace Tracking.Silo.Telemetry;

/// <summary>The cluster as an operator watches it: every silo with what it holds and does, and the partitions without a live owner.</summary>
public sealed record ClusterView(DateTimeOffset At, IReadOnlyList<SiloView> Silos, int Partitions, int Unowned);

/// <summary>
/// One silo: its membership row (activations as of its last heartbeat) and leases from the store;
/// its figures from its own metrics (null when not asked, or with <see cref="Unreachable"/> saying
/// why when it did not answer), and its rates since the previous look (null on the first).
/// </summary>
public sealed record SiloView(
    string Id,
    string Address,
    string Status,
    bool Alive,
    double SecondsSinceHeartbeat,
    int Partitions,
    int Activations,
    SiloFigures? Figures,
    SiloRates? Rates,
    string? Unreachable);
