using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tracking.ExchangeApi;
using Tracking.Grains.Exchanges;
using Tracking.Grains;
using Tracking.Grains.Seizures;
using Orleans.Runtime;
using Tracking.Storage.Persistence;

namespace Tracking.Silo.Api;

/// <summary>
/// Where exchanges post their results. 200 means recorded (or already known); 422 an answer the
/// seizure refuses; 503 try again later — the exchange retries, and the seizure asks again anyway.
/// </summary>
public static class ExchangeCallbackEndpoints
{
    public const string Path = "/api/exchange-callbacks";

    public static void MapExchangeCallbacks(this IEndpointRouteBuilder app) =>
        app.MapPost(Path, async (HttpRequest request, IGrainFactory grains, CancellationToken ct) =>
        {
            CaseResult? result;
            try
            {
                result = await JsonSerializer.DeserializeAsync(request.Body, ExchangeApiJson.Default.CaseResult, ct);
            }
            catch (JsonException ex)
            {
                return Results.Problem($"not an exchange result: {ex.Message}", statusCode: StatusCodes.Status400BadRequest);
            }

            if (result is null || string.IsNullOrEmpty(result.CaseReference) || string.IsNullOrEmpty(result.RequestId))
            {
                return Results.Problem("case_reference and request_id are required", statusCode: StatusCodes.Status400BadRequest);
            }

            try
            {
                await grains.GetGrain<ISeizureGrain>(result.CaseReference).RecordExchangeReplyAsync(ExchangeReplies.From(result), result.Exchange, ct);
                return Results.Ok();
            }
            catch (Exception ex) when (ex is CommandRejectedException or InvalidDataException)
            {
                return Results.Problem(ex.Message, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Answer refused");
            }
            catch (Exception ex) when (ex is StorageUnavailableException or ExchangeUnreachableException or TimeoutException or SiloUnavailableException or OrleansMessageRejectionException)
            {
                return Results.Problem(ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Try again later");
            }
        });
}
