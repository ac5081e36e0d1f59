namespace Tracking.Grains.Access;

/// <summary>
/// Failed sign-ins of one account (<c>account:NAME</c>, configured names only) or one address
/// (<c>address:IP</c>), counted across the cluster in memory: too many within a window lock it for
/// a while. Nothing here is durable; a lock lasts while its activation does (kept alive for it).
/// </summary>
[Alias("sign-in-guard")]
public interface ISignInGuardGrain : IGrainWithStringKey
{
    /// <summary>Until when the account or address is locked, or null.</summary>
    [Alias("locked-until")]
    Task<DateTimeOffset?> LockedUntilAsync(CancellationToken cancellationToken = default);

    /// <summary>Counts a failure; answers until when it is now locked, or null.</summary>
    [Alias("failed")]
    Task<DateTimeOffset?> FailedAsync(int limit, TimeSpan window, TimeSpan lockout, CancellationToken cancellationToken = default);

    /// <summary>A sign-in succeeded: the failures so far are forgotten.</summary>
    [Alias("succeeded")]
    Task SucceededAsync(CancellationToken cancellationToken = default);
}
