using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Tracking.Silo.Access;

/// <summary>
/// Refuses requests that change something when a browser says they come from another site, so
/// that a page elsewhere cannot use an officer's cookie (CSRF). A browser names the request's
/// origin in <c>Sec-Fetch-Site</c> (all current ones) or <c>Origin</c>; the console's own requests
/// are same-origin. Programs that send neither (the CLI, scripts, the exchanges) are not browsers
/// and carry no one's cookie but their own. Bodies a cross-site HTML form can send without asking
/// (form-encoded, multipart, plain text) are refused outright except where an endpoint takes
/// uploads (<see cref="FormPostsAllowed"/>).
/// </summary>
public sealed partial class CrossSiteRequestGuard(RequestDelegate next, ILogger<CrossSiteRequestGuard> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            await next(context);
            return;
        }

        if (CrossSite(request) is { } from)
        {
            LogCrossSite(logger, request.Method, request.Path, from.Length > 200 ? from[..200] : from);
            await RefuseAsync(context, StatusCodes.Status403Forbidden, "Cross-site request refused", "a page of another site may not change anything here");
            return;
        }

        if (IsSimpleFormBody(request.ContentType) && context.GetEndpoint()?.Metadata.GetMetadata<FormPostsAllowed>() is null)
        {
            await RefuseAsync(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported body", "send JSON (application/json), or no body");
            return;
        }

        await next(context);
    }

    /// <summary>Where the browser says the request comes from, when that is another site; null when it is this one or no browser said.</summary>
    private static string? CrossSite(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
        {
            return site is "same-origin" or "none" ? null : "Sec-Fetch-Site: " + site;
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return null;
        }

        return Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)
            ? null
            : "Origin: " + origin;
    }

    private static bool IsSimpleFormBody(string? contentType) =>
        contentType is { Length: > 0 } type
        && (type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            || type.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase));

    private static Task RefuseAsync(HttpContext context, int status, string title, string detail) =>
        Results.Problem(detail, statusCode: status, title: title).ExecuteAsync(context);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} {Path} from another site ({From})")]
    private static partial void LogCrossSite(ILogger logger, string method, PathString path, string from);
}
