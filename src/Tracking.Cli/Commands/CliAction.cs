using System.CommandLine;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Orleans.Storage;
using Tracking.Cli.Output;
using Tracking.Grains;
using Tracking.Storage.Persistence;

namespace Tracking.Cli.Commands;

/// <summary>Runs a command against its silo or cluster and turns failures into a message and an exit code, never a stack trace.</summary>
internal static class CliAction
{
    public const int Ok = 0;
    public const int Rejected = 1;
    public const int Usage = 2;
    public const int StorageUnreachable = 3;
    public const int InternalError = 70;

    public static async Task<int> RunAsync(ParseResult result, CancellationToken cancellationToken, Func<TrackingContext, Task> action)
    {
        try
        {
            await using var embedded = await EmbeddedSilo.StartAsync(result, cancellationToken);
            await action(embedded.Context);
            return Ok;
        }
        catch (CommandRejectedException ex)
        {
            return Fail($"rejected: {ex.Message}", Rejected);
        }
        catch (Exception ex) when (ex is CliException or InvalidDataException)
        {
            return Fail(ex.Message, Usage);
        }
        catch (StorageUnavailableException ex)
        {
            return Fail(ex.Message, StorageUnreachable);
        }
        catch (Exception ex) when (ex is TimeoutException or InconsistentStateException or SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException or Grains.Exchanges.ExchangeUnreachableException)
        {
            return Fail(ex.Message, Rejected);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A bug, not a user error: say what it was; the stack trace only on request.
            return Fail($"internal error ({ex.GetType().Name}): {ex.Message}" + (Environment.GetEnvironmentVariable("TRACKING_DEBUG") is { Length: > 0 } ? Environment.NewLine + ex : " (set TRACKING_DEBUG=1 for details)"), InternalError);
        }
    }

    /// <summary>Says what went wrong on stderr, as every command says it, and gives the exit code.</summary>
    public static int Fail(string message, int code)
    {
        Console.Error.WriteLine(Say.T("error: {0}", message));
        return code;
    }
}
