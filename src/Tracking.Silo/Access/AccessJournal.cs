using System.Security.Claims;
using System.Text.Json;
using System.Threading.Channels;
using Tracking.Storage.Views;
using Tracking.Silo.Api;

namespace Tracking.Silo.Access;

/// <summary>
/// Records every read of a person's case before it is answered. Records of reads that arrive
/// together commit together (group commit), so recording costs one write per batch, not per read.
/// </summary>
public sealed class AccessJournal : IAsyncDisposable
{
    private readonly Channel<(ViewRow Row, TaskCompletionSource Committed)> _pending = Channel.CreateUnbounded<(ViewRow, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IViewStore _views;
    private readonly TimeProvider _time;
    private readonly Task _writer;

    public AccessJournal(IViewStore views, [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time)
    {
        (_views, _time) = (views, time);
        _writer = Task.Run(WriteAsync, CancellationToken.None);
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
        var committed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending.Writer.TryWrite((row, committed));
        return committed.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private async Task WriteAsync()
    {
        var batch = new List<(ViewRow Row, TaskCompletionSource Committed)>();
        while (await _pending.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < 500 && _pending.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            try
            {
                await _views.AppendAsync([.. batch.Select(b => b.Row)], CancellationToken.None).ConfigureAwait(false);
                batch.ForEach(b => b.Committed.TrySetResult());
            }
            catch (Exception ex)
            {
                batch.ForEach(b => b.Committed.TrySetException(ex));
            }

            batch.Clear();
        }
    }
}
