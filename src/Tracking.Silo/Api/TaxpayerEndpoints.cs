using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tracking.Grains;
using Tracking.Grains.Taxpayers;
using Tracking.Runtime.Persistence;

namespace Tracking.Silo.Api;

internal static class TaxpayerEndpoints
{
    public static void MapTaxpayers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/taxpayers");
        group.MapGet("/{id}", (string id, Runtime.Hosting.Silo silo, CancellationToken ct) =>
            Answer(() => silo.Get<ITaxpayerGrain>(id).CallAsync(new GetTaxpayer(), ct)));
        group.MapGet("/{id}/history", (string id, Runtime.Hosting.Silo silo, CancellationToken ct) =>
            Answer(() => silo.Get<ITaxpayerGrain>(id).CallAsync(new GetTaxpayerHistory(), ct)));
        group.MapPost("/{id}/payments", (string id, ReceivePayment payment, Runtime.Hosting.Silo silo, CancellationToken ct) =>
            Answer(() => silo.Get<ITaxpayerGrain>(id).CallAsync(payment, ct)));
    }

    private static async Task<IResult> Answer<T>(Func<Task<T>> call)
    {
        try
        {
            return Results.Ok(await call());
        }
        catch (CommandRejectedException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Command rejected");
        }
        catch (StorageUnavailableException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Storage unavailable");
        }
    }
}
