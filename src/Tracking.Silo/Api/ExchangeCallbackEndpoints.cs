using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Tracking.Domain.Seizures;
using Tracking.ExchangeApi;
using Tracking.Grains;
using Tracking.Grains.Exchanges;
using Tracking.Grains.Seizures;
using Tracking.Ingest.Files;
using Tracking.Storage.Persistence;

namespace Tracking.Silo.Api;

/// <summary>
/// Where exchanges post their results, each signed with its own key (<see cref="CallbackSignature"/>).
/// 401: unsigned, wrongly signed, stale or replayed — the same answer for each, the reason in the
/// log. 400: signed but not a result. 202: taken — recorded, already known, or refused by the
/// seizure (logged); the answer does not say whether a seizure exists. 503: try again later — the
/// exchange retries, and the seizure asks again anyway.
/// </summary>
public static partial class ExchangeCallbackEndpoints
{
    public const string Path = "/api/exchange-callbacks";

    /// <summary>The largest answer taken (413 beyond): a thousand holdings or fills fit.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    private const int MaxExchangeLength = 32;

    public static void MapExchangeCallbacks(this IEndpointRouteBuilder app) =>
        app.MapPost(Path, async (HttpRequest request, TrackingContext tracking, ExchangeOptions exchanges, CallbackReplayGuard replays, ILoggerFactory loggers, CancellationToken ct) =>
        {
            var logger = loggers.CreateLogger(typeof(ExchangeCallbackEndpoints).FullName!);
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, ct);
            var body = buffer.ToArray();

            var exchange = request.Headers[CallbackSignature.ExchangeHeader].ToString();
            if (Unauthentic(request, exchange, body, exchanges.CallbackSecret, replays) is { } why)
            {
                return Refuse(logger, request, exchange, why);
            }

            CaseResult? result;
            try
            {
                result = JsonSerializer.Deserialize(body, ExchangeApiJson.Default.CaseResult);
            }
            catch (JsonException ex)
            {
                return Results.Problem($"not an exchange result: {ex.Message}", statusCode: StatusCodes.Status400BadRequest);
            }

            if (result is null || string.IsNullOrEmpty(result.CaseReference) || string.IsNullOrEmpty(result.RequestId))
            {
                return Results.Problem("case_reference and request_id are required", statusCode: StatusCodes.Status400BadRequest);
            }

            if (result.Exchange != exchange)
            {
                return Refuse(logger, request, exchange, $"the result names exchange {Printable(result.Exchange)}");
            }

            ExchangeReply reply;
            try
            {
                reply = ExchangeReplies.From(result);
            }
            catch (InvalidDataException ex)
            {
                return Results.Problem($"not an exchange result: {ex.Message}", statusCode: StatusCodes.Status400BadRequest);
            }

            try
            {
                // An answer for a case that does not exist is taken like any other, without a grain for it.
                if (!await ReadModelLookup.CaseExistsAsync(tracking, result.CaseReference, ct))
                {
                    throw new CommandRejectedException($"there is no case {Printable(result.CaseReference)}");
                }

                await tracking.Grains.GetGrain<ISeizureGrain>(result.CaseReference).RecordExchangeReplyAsync(reply, exchange, ct);
            }
            catch (Exception ex) when (ex is CommandRejectedException or OverflowException or ArgumentException)
            {
                LogNotRecorded(logger, exchange, Printable(result.RequestId), ex.Message);
            }
            catch (Exception ex) when (ApiCall.IsPassing(ex))
            {
                return Results.Problem(ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Try again later");
            }

            return Results.Accepted();
        }).WithMetadata(new RequestBodyLimit(MaxBodyBytes))
        .WithTags("Exchanges")
        .WithSummary("An exchange's result for a request (signed: X-Exchange, X-Exchange-Timestamp, X-Exchange-Nonce, X-Exchange-Signature)");

    /// <summary>Why the callback is not taken as the exchange's, or null when it is signed with that exchange's key, fresh and new.</summary>
    private static string? Unauthentic(HttpRequest request, string exchange, byte[] body, byte[]? secret, CallbackReplayGuard replays)
    {
        var timestamp = request.Headers[CallbackSignature.TimestampHeader].ToString();
        var nonce = request.Headers[CallbackSignature.NonceHeader].ToString();
        var signature = request.Headers[CallbackSignature.SignatureHeader].ToString();
        if (secret is null)
        {
            return "no callback secret is configured here";
        }

        if (exchange.Length is 0 or > MaxExchangeLength || nonce.Length is 0 or > 64 || signature.Length == 0
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return "unsigned";
        }

        if (!CallbackSignature.IsValid(CallbackSignature.ExchangeKey(secret, exchange), exchange, timestamp, nonce, body, signature))
        {
            return "wrong signature";
        }

        return replays.Check(exchange, DateTimeOffset.FromUnixTimeSeconds(seconds), nonce);
    }

    /// <summary>401, the same for every reason; the reason goes to the log.</summary>
    private static IResult Refuse(ILogger logger, HttpRequest request, string exchange, string why)
    {
        LogRefused(logger, Printable(exchange), why, request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "?");
        return Results.Problem("the answer is not signed by an exchange, or not fresh", statusCode: StatusCodes.Status401Unauthorized, title: "Not authenticated");
    }

    /// <summary>Text from outside as a log line may hold it.</summary>
    private static string Printable(string? text) => text is { Length: > 0 } ? PrintableText.Clean(text, 100) : "(none)";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an exchange callback claiming to be from {Exchange}: {Reason} (from {Address})")]
    private static partial void LogRefused(ILogger logger, string exchange, string reason, string address);

    [LoggerMessage(Level = LogLevel.Information, Message = "A callback of {Exchange} for {RequestId} was not recorded: {Reason}")]
    private static partial void LogNotRecorded(ILogger logger, string exchange, string requestId, string reason);
}
