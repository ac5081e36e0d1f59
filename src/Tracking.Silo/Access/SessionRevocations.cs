using System.Collections.Concurrent;
using System.Text.Json;
using Tracking.Silo.Api;
using Tracking.Storage.Views;

namespace Tracking.Silo.Access;

/// <summary>
/// Sessions ended by signing out, kept in the store so that every silo refuses their cookies: the
/// silo that signs one out refuses it at once, the others within <see cref="RefreshEvery"/>.
/// Checking a cookie costs no database read; each silo reads new revocations at most that often.
/// </summary>
public sealed class SessionRevocations(IViewStore views, TimeProvider time)
{
    public const string View = "session_revocations";

    /// <summary>How stale a silo's list of revoked sessions may be.</summary>
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(2);

    /// <summary>Revocations older than a session can live need not be read again.</summary>
    public static readonly TimeSpan Keep = TimeSpan.FromHours(9);

    public static readonly ViewField AtField = ViewField.Number("at");

    public static ViewDefinition Definition { get; } = new(View, AtField, []);

    private readonly ConcurrentDictionary<string, bool> _revoked = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private DateTimeOffset _refreshedAt = DateTimeOffset.MinValue;

    public async Task RevokeAsync(string sessionId, CancellationToken cancellationToken)
    {
        _revoked[sessionId] = true;
        var row = new SessionRevocation(sessionId, time.GetUtcNow().ToUnixTimeSeconds());
        await views.AppendAsync([new ViewRow(View, sessionId, JsonSerializer.Serialize(row, ApiJsonContext.Default.SessionRevocation))], cancellationToken);
    }

    public async ValueTask<bool> IsRevokedAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (time.GetUtcNow() - _refreshedAt > RefreshEvery)
        {
            await RefreshAsync(cancellationToken);
        }

        return _revoked.ContainsKey(sessionId);
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (!await _refreshing.WaitAsync(0, cancellationToken))
        {
            return;
        }

        try
        {
            var now = time.GetUtcNow();
            await foreach (var document in views.QueryAllAsync(new ViewQuery(View, AtField) { Filters = [ViewFilter.AtLeast(AtField, (now - Keep).ToUnixTimeSeconds())], Limit = 1_000 }, cancellationToken))
            {
                _revoked[JsonSerializer.Deserialize(document, ApiJsonContext.Default.SessionRevocation)!.SessionId] = true;
            }

            _refreshedAt = now;
        }
        finally
        {
            _refreshing.Release();
        }
    }
}
