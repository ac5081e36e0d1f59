using System.Net.Http.Json;
using Tracking.ExchangeApi;

namespace Tracking.ExchangeSim;

/// <summary>
/// Posts results to callers' callback addresses, as exchanges' webhooks do: after a delay (so they
/// can overtake each other), sometimes twice, retried with backoff while the receiver fails, given
/// up after a while (the caller can always ask again).
/// </summary>
public sealed partial class CallbackSender(HttpClient http, SimActivity activity, ILogger<CallbackSender> logger)
{
    // About 6 s in all: a caller that missed its callback asks again anyway.
    private static readonly TimeSpan[] s_retryDelays = [.. Enumerable.Range(0, 7).Select(i => TimeSpan.FromMilliseconds(50 << i))];

    public void Send(string url, CaseResult result, TimeSpan delay)
    {
        activity.CallbackQueued();
        _ = DeliverAsync(url, result, delay);
    }

    private async Task DeliverAsync(string url, CaseResult result, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay).ConfigureAwait(false);
            foreach (var retry in s_retryDelays.Prepend(TimeSpan.Zero))
            {
                await Task.Delay(retry).ConfigureAwait(false);
                try
                {
                    using var response = await http.PostAsJsonAsync(url, result, ExchangeApiJson.Default.CaseResult).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                    {
                        return;
                    }

                    LogRefused(logger, result.RequestId, (int)response.StatusCode);
                }
                catch (HttpRequestException ex)
                {
                    LogUnreachable(logger, result.RequestId, ex.Message);
                }
            }

            LogGaveUp(logger, result.RequestId);
        }
        finally
        {
            activity.CallbackFinished();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Callback for {RequestId} refused with {Status}; retrying")]
    private static partial void LogRefused(ILogger logger, string requestId, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Callback for {RequestId} could not be delivered ({Reason}); retrying")]
    private static partial void LogUnreachable(ILogger logger, string requestId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gave up the callback for {RequestId}; the caller has to ask again")]
    private static partial void LogGaveUp(ILogger logger, string requestId);
}
