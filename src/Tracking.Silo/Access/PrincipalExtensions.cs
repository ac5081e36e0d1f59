using System.Security.Claims;

namespace Tracking.Silo.Access;

internal static class PrincipalExtensions
{
    public static string Role(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Role) ?? "";

    /// <summary>The user as histories record them: "supervisor:lee".</summary>
    public static string Actor(this ClaimsPrincipal user) => $"{user.Role()}:{user.Identity?.Name}";
}
