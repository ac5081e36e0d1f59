namespace Tracking.Grains.Seizures;

/// <summary>
/// Opening a case for every automatic match the sweeps found, as a job in its grain (keyed
/// <see cref="Main"/>): tens of thousands of openings take minutes, longer than a request should
/// hang, so an officer starts it and watches it. Opening is idempotent: a job cut short by a lost
/// silo is started again and counts what it opened before as already open.
/// </summary>
[Alias("case-opening")]
public interface ICaseOpeningGrain : IGrainWithStringKey
{
    public const string Main = "main";

    /// <summary>Starts opening the automatic matches' cases unless that runs already; answers its progress at once.</summary>
    [Alias("start"), AlwaysInterleave, ResponseTimeout("00:00:05")]
    Task<CaseOpeningStatus> StartAsync(string actor, CancellationToken cancellationToken = default);

    /// <summary>The running job's progress, or how the last one ended while this activation remembers it.</summary>
    [Alias("status"), AlwaysInterleave, ResponseTimeout("00:00:05")]
    Task<CaseOpeningStatus> GetStatusAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// A job opening the automatic matches' cases: who started it and when, how many matches it
/// works through, how many it opened, found open already or was refused (each refusal with
/// why), and why it stopped if it failed. Nothing started: all empty.
/// </summary>
[GenerateSerializer, Immutable, Alias("case-opening-status")]
public sealed record CaseOpeningStatus(
    bool Running,
    string? StartedBy,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int Candidates,
    int Opened,
    int AlreadyOpen,
    IReadOnlyList<string> Refused,
    string? Failure = null)
{
    public static CaseOpeningStatus None { get; } = new(false, null, null, null, 0, 0, 0, []);
}
