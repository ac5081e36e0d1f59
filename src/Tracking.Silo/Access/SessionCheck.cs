using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;

namespace Tracking.Silo.Access;

/// <summary>
/// What a session cookie must still be true of at every request: its session not signed out, its
/// user still allowed in, and the user's password the one it was signed in with (a changed
/// password ends every earlier session).
/// </summary>
public static class SessionCheck
{
    public const string SessionIdClaim = "sid";
    public const string PasswordStampClaim = "password-stamp";

    /// <summary>The claims a new session carries besides name and role.</summary>
    public static IEnumerable<Claim> NewSession(ConsoleUser user) =>
    [
        new Claim(SessionIdClaim, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))),
        new Claim(PasswordStampClaim, Stamp(user)),
    ];

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var services = context.HttpContext.RequestServices;
        var user = services.GetRequiredService<ConsoleOptions>().Users.FirstOrDefault(u => u.Name == principal?.Identity?.Name);
        var session = principal?.FindFirstValue(SessionIdClaim);
        if (user is null || session is null || principal!.FindFirstValue(PasswordStampClaim) != Stamp(user)
            || await services.GetRequiredService<SessionRevocations>().IsRevokedAsync(session, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    /// <summary>Changes when the password does; reveals nothing of it (a hash of its salted hash).</summary>
    private static string Stamp(ConsoleUser user) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(user.PasswordHash)).AsSpan(0, 12));
}
