namespace Tracking.Silo.Access;

/// <summary>Someone who may sign in: their name, role and password hash (see <see cref="PasswordHash"/>).</summary>
public sealed record ConsoleUser(string Name, string Role, string PasswordHash)
{
    /// <summary>How the user appears in histories: "supervisor:lee".</summary>
    public string Actor => $"{Role}:{Name}";
}
