using System.Security.Claims;
using System.Text.Json;
using Tracking.Storage.Persistence;
using Tracking.Storage.Views;
using Tracking.Silo.Api;

namespace Tracking.Silo.Access;

/// <summary>
/// Records every read of a person's case before it is answered. Records of reads that arrive
/// together commit together (group commit), so recording costs one write per batch, not per read.
/// </summary>
public sealed class AccessJournal : IAsyncDisposable
{
    private const int MaxBatchSize = 500;
    private readonly IViewStore _views;
    private readonly TimeProvider _time;
    private readonly BatchQueue<ViewRow, bool> _queue;

    public AccessJournal(IViewStore views, [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time)
    {
        (_views, _time) = (views, time);
        _queue = new BatchQueue<ViewRow, bool>(MaxBatchSize, concurrency: 1, AppendAsync);
    }

    /// <summary>Completes once the record is durable; throws if it could not be written (the read is then refused).</summary>
    public Task RecordAsync(ClaimsPrincipal user, string subject, string what, CancellationToken cancellationToken) =>
        RecordAsync(user.Identity?.Name ?? "?", user.FindFirstValue(ClaimTypes.Role) ?? "?", subject, what, cancellationToken);

    /// <inheritdoc cref="RecordAsync(ClaimsPrincipal, string, string, CancellationToken)"/>
    public Task RecordAsync(string reader, string role, string subject, string what, CancellationToken cancellationToken)
    {
        // A version-7 id begins with the time in milliseconds: newest first even within one second.
        var now = _time.GetUtcNow();
        var record = new AccessRecord(Guid.CreateVersion7(now).ToString("N"), now.ToUnixTimeSeconds(), reader, role, subject, what);
        var row = new ViewRow(AccessRecord.View, record.Id, JsonSerializer.Serialize(record, ApiJsonContext.Default.AccessRecord));
        return _queue.EnqueueAsync(row, cancellationToken).WaitAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _queue.DisposeAsync();

    private async Task AppendAsync(IReadOnlyList<Batched<ViewRow, bool>> batch)
    {
        try
        {
            await _views.AppendAsync([.. batch.Select(b => b.Request)], CancellationToken.None).ConfigureAwait(false);
            foreach (var read in batch)
            {
                read.Completion.TrySetResult(true);
            }
        }
        catch (Exception ex)
        {
            foreach (var read in batch)
            {
                read.Completion.TrySetException(ex);
            }
        }
    }
}
