using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tracking.Silo.Api;
using Tracking.Storage.Views;

namespace Tracking.Silo.Access;

/// <summary>Signing in and out (a cookie session), and the access record auditors read.</summary>
internal static class AccessEndpoints
{
    public static void MapAccess(this IEndpointRouteBuilder app)
    {
        var session = app.MapGroup("/api/session").WithTags("Access");
        session.MapPost("/", SignInAsync).AllowAnonymous().WithSummary("Sign in with name and password; answers who you are and your role");
        session.MapGet("/", (ClaimsPrincipal user) => Results.Ok(new SessionInfo(user.Identity!.Name!, user.Role(), user.Actor()))).RequireAuthorization();
        session.MapDelete("/", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.NoContent();
        }).RequireAuthorization();

        app.MapGet("/api/access-log", (IViewStore views, string? subject, string? reader, string? after, int? limit, CancellationToken ct) => ApiCall.RunAsync(() =>
            ViewPageResult.QueryAsync(views, AccessRecord.Definition, ViewPageResult.EqualTo((AccessRecord.SubjectField, subject), (AccessRecord.ReaderField, reader)), after, limit, ct)))
            .RequireAuthorization(AccessPolicies.Auditors).WithTags("Access").WithSummary("Every read of a person's case, newest first: filter by subject (taxpayer) or reader");
    }

    private static async Task<IResult> SignInAsync(SignIn request, HttpContext context, ConsoleOptions console)
    {
        var user = console.Users.FirstOrDefault(u => u.Name == request.Name);
        if (user is null || !PasswordHash.Verify(request.Password ?? "", user.PasswordHash))
        {
            return Results.Problem("unknown name or wrong password", statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in");
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Name), new Claim(ClaimTypes.Role, user.Role)], CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return Results.Ok(new SessionInfo(user.Name, user.Role, user.Actor));
    }
}
