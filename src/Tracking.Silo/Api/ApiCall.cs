using Microsoft.AspNetCore.Http;
using Tracking.Grains;
using Tracking.Grains.Documents;
using Tracking.Grains.Exchanges;
using Orleans.Runtime;
using Orleans.Storage;
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
            return Refused(ex.Message);
        }
        catch (ArgumentException ex)
        {
            return Results.Problem(Detail(ex), statusCode: StatusCodes.Status400BadRequest, title: "Bad request");
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel's or the form reader's refusal: a body beyond the limit (413), a malformed form (400).
            return Results.Problem(ex.Message, statusCode: ex.StatusCode, title: ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Too large" : "Bad request");
        }
        catch (OverflowException)
        {
            // Bounds stop amounts long before this; checked arithmetic is the last guard, and nothing was written.
            return Results.Problem($"an amount is beyond what a ledger holds ({Domain.Won.Format(Domain.Won.Max)})", statusCode: StatusCodes.Status422UnprocessableEntity, title: "Refused");
        }
        catch (PdfPrintFailedException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Cannot print now");
        }
        catch (Exception ex) when (IsPassing(ex))
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Try again later");
        }
    }

    /// <summary>
    /// What passes by itself, so that the same request later goes through: the store or a silo out
    /// of reach, a call that took too long, or another writer that moved a grain on behind its
    /// activation (a silo lost mid-call, a duplicate activation): nothing was written, and the
    /// grain reads its state afresh at the next call.
    /// </summary>
    public static bool IsPassing(Exception ex) =>
        ex is StorageUnavailableException or TimeoutException or SiloUnavailableException or OrleansMessageRejectionException or ExchangeUnreachableException or InconsistentStateException;

    /// <summary>The refusal without .NET's " (Parameter 'x')": the name of a C# parameter tells the caller nothing.</summary>
    private static string Detail(ArgumentException ex) =>
        ex.ParamName is { } name ? ex.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : ex.Message;

    /// <summary>A request understood and refused as a whole (422): nothing was done.</summary>
    public static IResult Refused(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Refused");

    /// <summary>A job asked for while one runs (409): it is watched, not started twice.</summary>
    public static IResult AlreadyRunning(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Already running");

    public static IResult NotFound(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
