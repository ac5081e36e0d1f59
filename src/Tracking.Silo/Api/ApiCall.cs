using Microsoft.AspNetCore.Http;
using Tracking.Grains;
using Tracking.Grains.Exchanges;
using Orleans.Runtime;
using Tracking.Storage.Persistence;

namespace Tracking.Silo.Api;

/// <summary>Runs an endpoint's work and turns the refusals it may meet into problem details: never a stack trace.</summary>
internal static class ApiCall
{
    public static async Task<IResult> RunAsync(Func<Task<IResult>> work)
    {
        try
        {
            return await work();
        }
        catch (CommandRejectedException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Refused");
        }
        catch (ArgumentException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");
        }
        catch (Exception ex) when (ex is StorageUnavailableException or TimeoutException or SiloUnavailableException or OrleansMessageRejectionException or ExchangeUnreachableException)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Try again later");
        }
    }

    public static IResult NotFound(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
