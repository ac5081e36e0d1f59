using System.Collections.Concurrent;

namespace Tracking.Silo.Api;

/// <summary>
/// The nonces of the exchanges' signed callbacks this silo took within the freshness window, so
/// that the same delivery sent again is refused. A replay that reaches another silo of the cluster
/// passes here but changes nothing: a seizure records each answer once.
/// </summary>
public sealed class CallbackReplayGuard(TimeProvider time)
{
    /// <summary>How far a callback's time may be from this silo's clock, either way.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private const int PurgeAbove = 100_000;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);

    /// <summary>Why the callback is refused (stale or replayed), or null the first time a fresh one is seen.</summary>
    public string? Check(string exchange, DateTimeOffset sentAt, string nonce)
    {
        var now = time.GetUtcNow();
        if ((now - sentAt).Duration() > Window)
        {
            return $"sent at {sentAt:u}, more than {Window.TotalMinutes:0} minutes from now";
        }

        if (_seen.Count > PurgeAbove)
        {
            foreach (var (key, at) in _seen)
            {
                if (now - at > Window + Window)
                {
                    _seen.TryRemove(key, out _);
                }
            }
        }

        return _seen.TryAdd(exchange + "\n" + nonce, sentAt) ? null : "a delivery already taken, sent again";
    }
}
