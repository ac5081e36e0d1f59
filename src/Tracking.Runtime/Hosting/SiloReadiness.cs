namespace Tracking.Runtime.Hosting;

/// <summary>Whether a silo should be given work now (a readiness probe's answer), and if not, why.</summary>
public sealed record SiloReadiness(bool IsReady, string Reason)
{
    public static SiloReadiness Ready { get; } = new(true, "ready");
}
