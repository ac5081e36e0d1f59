using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
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
            return await AnswerAsync(() => silo().AnswerAsync(call!, ct), RuntimeJsonContext.Default.RemoteReply).ConfigureAwait(false);
        });
        app.MapPost(SiloTransport.CreationsPath, async (HttpContext http, CancellationToken ct) =>
        {
            var creations = await http.Request.ReadFromJsonAsync(RuntimeJsonContext.Default.RemoteCreations, ct).ConfigureAwait(false);
            return await AnswerAsync(() => silo().AnswerAsync(creations!, ct), RuntimeJsonContext.Default.RemoteCreationReply).ConfigureAwait(false);
        });
        return app;
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
