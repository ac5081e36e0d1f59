using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Tracking.Runtime.Persistence;

namespace Tracking.Runtime.Transport;

/// <summary>
/// The calling end of the inter-silo transport: JSON over HTTP/2 (cleartext, prior knowledge) on
/// pooled, multiplexed connections, so thousands of concurrent calls share a few sockets.
/// </summary>
internal sealed class SiloTransport : IDisposable
{
    public const string CallsPath = "/silo/v1/calls";
    public const string CreationsPath = "/silo/v1/creations";

    private readonly HttpClient _http;
    private readonly JsonSerializerOptions _json;
    private readonly RemoteExceptionMap _exceptions;

    public SiloTransport(JsonSerializerOptions json, RemoteExceptionMap exceptions)
    {
        _json = json;
        _exceptions = exceptions;
        _http = new HttpClient(new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
        })
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public async Task<TResult> CallAsync<TResult>(Uri silo, GrainId grain, object message, TimeSpan timeout, bool forwarded, CancellationToken cancellationToken)
    {
        var call = new RemoteCall(
            grain.Type,
            grain.Key,
            message.GetType().FullName!,
            JsonSerializer.SerializeToElement(message, _json.GetTypeInfo(message.GetType())),
            (int)Math.Ceiling(timeout.TotalMilliseconds),
            forwarded);
        var reply = await SendAsync(silo, CallsPath, call, RuntimeJsonContext.Default.RemoteCall, RuntimeJsonContext.Default.RemoteReply, timeout, cancellationToken).ConfigureAwait(false);
        if (reply.Fault is { } fault)
        {
            throw _exceptions.Recreate(fault);
        }

        // Done has no public constructor to deserialize through, and carries nothing anyway.
        if (typeof(TResult) == typeof(Done))
        {
            return (TResult)(object)Done.Instance;
        }

        return reply.Result is { } result
            ? result.Deserialize((JsonTypeInfo<TResult>)_json.GetTypeInfo(typeof(TResult)))!
            : default!;
    }

    public async Task<IReadOnlyList<CreationOutcome>> CreateAsync(Uri silo, string grainType, IReadOnlyList<StateWrite> writes, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var creations = new RemoteCreations(grainType, writes.Select(w => new RemoteCreation(w.Grain.Key, w.StateJson, w.Events, w.Views)).ToArray());
        var reply = await SendAsync(silo, CreationsPath, creations, RuntimeJsonContext.Default.RemoteCreations, RuntimeJsonContext.Default.RemoteCreationReply, timeout, cancellationToken).ConfigureAwait(false);
        return reply.Outcomes;
    }

    public void Dispose() => _http.Dispose();

    private async Task<TReply> SendAsync<TRequest, TReply>(
        Uri silo,
        string path,
        TRequest request,
        JsonTypeInfo<TRequest> requestInfo,
        JsonTypeInfo<TReply> replyInfo,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(silo, path))
            {
                Content = JsonContent.Create(request, requestInfo),
                Version = _http.DefaultRequestVersion,
                VersionPolicy = _http.DefaultVersionPolicy,
            };

            // The call's trace goes with it (W3C traceparent), so the owner's span joins the caller's trace.
            if (Activity.Current is { } current)
            {
                DistributedContextPropagator.Current.Inject(current, message, static (carrier, name, value) => ((HttpRequestMessage)carrier!).Headers.TryAddWithoutValidation(name, value));
            }

            using var response = await _http.SendAsync(message, deadline.Token).ConfigureAwait(false);
            if (response.StatusCode is HttpStatusCode.MisdirectedRequest or HttpStatusCode.ServiceUnavailable)
            {
                throw new SiloUnreachableException(silo, response.StatusCode == HttpStatusCode.MisdirectedRequest ? "it does not hold the partition" : "it is not running");
            }

            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync(replyInfo, deadline.Token).ConfigureAwait(false))!;
        }
        catch (HttpRequestException ex)
        {
            throw new SiloUnreachableException(silo, ex.Message, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SiloUnreachableException(silo, $"no answer within {timeout.TotalMilliseconds:0} ms", ex);
        }
    }
}
