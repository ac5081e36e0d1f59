using System.Text.Json;
using Tracking.ExchangeApi;

namespace Tracking.ExchangeSim;

/// <summary>
/// Posts results to callers' callback addresses, as exchanges' webhooks do: after a delay (so they
/// can overtake each other), sometimes twice, retried with backoff while the receiver fails, given
/// up after a while (the caller can always ask again).
/// </summary>
public sealed partial class CallbackSender(HttpClient http, SimActivity activity, SimOptions options, ILogger<CallbackSender> logger)
{
    private readonly byte[]? _officeSecret = options.CallbackSecret is { Length: > 0 } secret ? Convert.FromBase64String(secret) : null;

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
                    using var response = await http.SendAsync(Delivery(url, result)).ConfigureAwait(false);
                    activity.CallbackAnswered((int)response.StatusCode);
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

    /// <summary>One delivery, signed afresh (its own time and nonce) with the exchange's key, as a real exchange would sign it.</summary>
    private HttpRequestMessage Delivery(string url, CaseResult result)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(result, ExchangeApiJson.Default.CaseResult);
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        if (_officeSecret is not null)
        {
            CallbackSignature.Sign(request, CallbackSignature.ExchangeKey(_officeSecret, result.Exchange), result.Exchange, DateTimeOffset.UtcNow, body);
        }

        return request;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Callback for {RequestId} refused with {Status}; retrying")]
    private static partial void LogRefused(ILogger logger, string requestId, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Callback for {RequestId} could not be delivered ({Reason}); retrying")]
    private static partial void LogUnreachable(ILogger logger, string requestId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gave up the callback for {RequestId}; the caller has to ask again")]
    private static partial void LogGaveUp(ILogger logger, string requestId);
}
