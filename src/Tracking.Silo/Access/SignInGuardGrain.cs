using Microsoft.Extensions.DependencyInjection;
using Tracking.Grains.Access;

namespace Tracking.Silo.Access;

/// <inheritdoc cref="ISignInGuardGrain"/>
[GrainType("sign-in-guard")]
internal sealed class SignInGuardGrain([FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time) : Grain, ISignInGuardGrain
{
    private readonly Queue<DateTimeOffset> _failures = new();
    private DateTimeOffset? _lockedUntil;

    public Task<DateTimeOffset?> LockedUntilAsync(CancellationToken cancellationToken) =>
        Task.FromResult(_lockedUntil > time.GetUtcNow() ? _lockedUntil : null);

    public Task<DateTimeOffset?> FailedAsync(int limit, TimeSpan window, TimeSpan lockout, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        while (_failures.TryPeek(out var oldest) && now - oldest > window)
        {
            _failures.Dequeue();
        }

        _failures.Enqueue(now);
        if (_failures.Count >= limit)
        {
            _lockedUntil = now + lockout;
            _failures.Clear();
        }

        // Counted failures and a lock must outlive an idle activation's collection.
        DelayDeactivation(window > lockout ? window : lockout);
        return LockedUntilAsync(cancellationToken);
    }

    public Task SucceededAsync(CancellationToken cancellationToken)
    {
        _failures.Clear();
        return Task.CompletedTask;
    }
}
