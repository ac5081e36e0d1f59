using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Tracking.Grains;
using Tracking.Grains.Access;
using Tracking.Ingest.Files;
using Tracking.Silo.Api;
using Tracking.Storage.Views;
using Tracking.Domain;

namespace Tracking.Silo.Access;

/// <summary>Signing in and out (a cookie session), and the access record auditors read.</summary>
internal static partial class AccessEndpoints
{
    /// <summary>The rate limiter policy bounding how many passwords a silo checks at once.</summary>
    public const string SignInChecks = "sign-in-checks";

    private const int MaxNameLength = 64;
    private const int MaxPasswordLength = 256;

    /// <summary>What an unknown name's password is checked against, so that it costs what a known name's does.</summary>
    private static readonly Lazy<string> s_standIn = new(() => PasswordHash.Create(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16))));

    public static void MapAccess(this IEndpointRouteBuilder app)
    {
        var session = app.MapGroup("/api/session").WithTags("Access");
        session.MapPost("/", SignInAsync).AllowAnonymous().RequireRateLimiting(SignInChecks)
            .WithSummary("Sign in with name and password; answers who you are and your role. Failures lock the account (401) and the address (429) for a while");
        session.MapGet("/", (ClaimsPrincipal user) => Results.Ok(new SessionInfo(user.Identity!.Name!, user.Role(), user.Actor()))).RequireAuthorization();
        session.MapDelete("/", async (HttpContext context, ClaimsPrincipal user, SessionRevocations revocations, CancellationToken ct) =>
        {
            // The cookie is forgotten by this browser and refused by every silo from now on, wherever it is replayed.
            if (user.FindFirstValue(SessionCheck.SessionIdClaim) is { } session)
            {
                await revocations.RevokeAsync(session, ct);
            }

            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.NoContent();
        }).RequireAuthorization().WithSummary("Sign out: this session's cookie is refused from now on, on every silo");

        app.MapGet("/api/access-log", (TrackingContext tracking, string? subject, string? reader, string? after, int? limit, CancellationToken ct) => ApiCall.RunAsync(() =>
            ViewPageResult.QueryAsync(tracking, AccessRecord.Definition, ViewPageResult.EqualTo((AccessRecord.SubjectField, subject), (AccessRecord.ReaderField, reader)), after, limit, TimeSpan.Zero, ct)))
            .RequireAuthorization(AccessPolicies.Auditors).WithTags("Access").WithSummary("Every read of a person's case, newest first: filter by subject (taxpayer) or reader");
    }

    /// <summary>
    /// Checks a password at most once per attempt and the same way whether the name exists or not
    /// (an unknown name is checked against a stand-in hash), so answers and their timing do not
    /// tell which names exist. Failures count against the account and the address; a locked
    /// address is refused before any hashing (429), a locked account answers as a wrong password
    /// would. Every refusal is logged and on the access record.
    /// </summary>
    private static async Task<IResult> SignInAsync(SignIn request, HttpContext context, ConsoleOptions console, IGrainFactory grains, AccessJournal journal, ILoggerFactory loggers, CancellationToken ct)
    {
        var logger = loggers.CreateLogger(typeof(AccessEndpoints).FullName!);
        if (request.Name is not { Length: > 0 and <= MaxNameLength } name || request.Password is not { Length: <= MaxPasswordLength } password)
        {
            return Results.Problem($"a name of 1 to {MaxNameLength} characters and a password of at most {MaxPasswordLength}", statusCode: StatusCodes.Status400BadRequest, title: "Bad request");
        }

        var limits = console.SignIn;
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var from = grains.GetGrain<ISignInGuardGrain>("address:" + address);
        var shownName = PrintableText.Clean(name, MaxNameLength);
        if (await from.LockedUntilAsync(ct) is { } addressLocked)
        {
            LogAddressLocked(logger, address, addressLocked);
            await journal.RecordAsync(shownName, "-", "sign-in", $"refused: {address} is locked out until {KoreaTime.Seconds(addressLocked)}", ct);
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling((addressLocked - DateTimeOffset.UtcNow).TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Problem("too many failed sign-ins from this address; try again later", statusCode: StatusCodes.Status429TooManyRequests, title: "Too many attempts");
        }

        var user = console.Users.FirstOrDefault(u => u.Name == name);
        var account = user is null ? null : grains.GetGrain<ISignInGuardGrain>("account:" + user.Name);
        var accountLocked = account is null ? null : await account.LockedUntilAsync(ct);
        var verified = PasswordHash.Verify(password, user?.PasswordHash ?? s_standIn.Value);
        if (user is not null && verified && accountLocked is null)
        {
            await account!.SucceededAsync(ct);
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Name), new Claim(ClaimTypes.Role, user.Role), .. SessionCheck.NewSession(user)], CookieAuthenticationDefaults.AuthenticationScheme);
            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
            return Results.Ok(new SessionInfo(user.Name, user.Role, user.Actor));
        }

        var why = accountLocked is { } until ? $"the account is locked until {KoreaTime.Seconds(until)}" : user is null ? "unknown name" : "wrong password";
        await from.FailedAsync(limits.AddressFailures, limits.Window, limits.Lockout, ct);
        if (account is not null && accountLocked is null && await account.FailedAsync(limits.AccountFailures, limits.Window, limits.Lockout, ct) is { } locked)
        {
            why += $"; the account is now locked until {KoreaTime.Seconds(locked)}";
        }

        LogRefused(logger, shownName, address, why);
        await journal.RecordAsync(shownName, "-", "sign-in", $"refused from {address}: {why}", ct);
        return Results.Problem("unknown name or wrong password (or too many attempts: wait and try again)", statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in refused for {Name} from {Address}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string name, string address, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in refused from {Address}: locked out until {Until}")]
    private static partial void LogAddressLocked(ILogger logger, string address, DateTimeOffset until);
}
