using System.Text.Json;

namespace Tracking.Silo.Access;

/// <summary>Who may use the case API and web console, and what imports through them need.</summary>
public sealed class ConsoleOptions
{
    /// <summary>People who may sign in. Default none: nobody can sign in until users are given.</summary>
    public IReadOnlyList<ConsoleUser> Users { get; init; } = [];

    /// <summary>The exchange profiles uploads of account lists are read with. Default <c>cluster-config/exchanges</c> when found.</summary>
    public string? ProfilesDirectory { get; init; }

    /// <summary>The RRN hashing key for uploaded files; null refuses uploads.</summary>
    public Func<byte[]>? RrnKey { get; init; }

    /// <summary>The demonstration users of a first run, each with their name as password: officer kim and park, supervisor lee, auditor choi, operator jung.</summary>
    public static IReadOnlyList<ConsoleUser> DemoUsers() =>
        [.. new[] { ("kim", ConsoleRole.Officer), ("park", ConsoleRole.Officer), ("lee", ConsoleRole.Supervisor), ("choi", ConsoleRole.Auditor), ("jung", ConsoleRole.Operator) }
            .Select(u => new ConsoleUser(u.Item1, u.Item2, PasswordHash.Create(u.Item1)))];

    /// <summary>Users from a JSON file: <c>[{"name":"kim","role":"officer","passwordHash":"pbkdf2-sha256$…"}]</c>.</summary>
    public static IReadOnlyList<ConsoleUser> LoadUsers(string path)
    {
        var users = JsonSerializer.Deserialize(File.ReadAllText(path), Api.ApiJsonContext.Default.ConsoleUserArray)
            ?? throw new InvalidDataException($"{path}: no users");
        foreach (var user in users.Where(u => !ConsoleRole.All.Contains(u.Role)))
        {
            throw new InvalidDataException($"{path}: user {user.Name} has unknown role '{user.Role}'; roles are {string.Join(", ", ConsoleRole.All)}");
        }

        return users;
    }
}
