using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tracking.Runtime.Diagnostics;
using Tracking.Runtime.Hosting;

namespace Tracking.Runtime.Transport;

/// <summary>The answering end of the inter-silo transport, on the silo's Kestrel host.</summary>
public static class SiloTransportEndpoints
{
    /// <summary>Maps the grain-call and bulk-creation endpoints, answered by the silo <paramref name="silo"/> gives.</summary>
    public static IEndpointRouteBuilder MapSiloTransport(this IEndpointRouteBuilder app, Func<Silo> silo)
    {
        app.MapPost(SiloTransport.CallsPath, async (HttpContext http, CancellationToken ct) =>
        {
            var call = await http.Request.ReadFromJsonAsync(RuntimeJsonContext.Default.RemoteCall, ct).ConfigureAwait(false);
            using var activity = StartAnswer(http.Request, $"answer {call!.GrainType}");
            activity?.SetTag(RuntimeTelemetry.GrainTypeTag, call.GrainType);
            return await AnswerAsync(() => silo().AnswerAsync(call, ct), RuntimeJsonContext.Default.RemoteReply).ConfigureAwait(false);
        });
        app.MapPost(SiloTransport.CreationsPath, async (HttpContext http, CancellationToken ct) =>
        {
            var creations = await http.Request.ReadFromJsonAsync(RuntimeJsonContext.Default.RemoteCreations, ct).ConfigureAwait(false);
            using var activity = StartAnswer(http.Request, $"create {creations!.GrainType}");
            activity?.SetTag(RuntimeTelemetry.GrainTypeTag, creations.GrainType);
            return await AnswerAsync(() => silo().AnswerAsync(creations!, ct), RuntimeJsonContext.Default.RemoteCreationReply).ConfigureAwait(false);
        });
        return app;
    }

    /// <summary>
    /// The span of the answering side, in the caller's trace: a child of the host's request span
    /// when that is recorded, else of the caller's span named by the request's traceparent (the host
    /// makes a request span nobody records when only the runtime's spans are listened to).
    /// </summary>
    private static Activity? StartAnswer(HttpRequest request, string name)
    {
        if (Activity.Current is { Recorded: true })
        {
            return RuntimeTelemetry.Source.StartActivity(name, ActivityKind.Server);
        }

        DistributedContextPropagator.Current.ExtractTraceIdAndState(
            request.Headers,
            static (object? carrier, string field, out string? value, out IEnumerable<string>? values) =>
            {
                values = null;
                value = ((IHeaderDictionary)carrier!).TryGetValue(field, out var found) ? found.ToString() : null;
            },
            out var traceParent,
            out var traceState);
        return ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var parent)
            ? RuntimeTelemetry.Source.StartActivity(name, ActivityKind.Server, parent)
            : RuntimeTelemetry.Source.StartActivity(name, ActivityKind.Server);
    }

    private static async Task<IResult> AnswerAsync<TReply>(Func<Task<TReply>> answer, System.Text.Json.Serialization.Metadata.JsonTypeInfo<TReply> info)
    {
        try
        {
            return Results.Json(await answer().ConfigureAwait(false), info);
        }
        catch (PartitionNotHereException)
        {
            return Results.StatusCode((int)HttpStatusCode.MisdirectedRequest);
        }
        catch (Exception ex) when (ex is SiloUnavailableException or Persistence.StorageUnavailableException)
        {
            return Results.StatusCode((int)HttpStatusCode.ServiceUnavailable);
        }
    }
}
